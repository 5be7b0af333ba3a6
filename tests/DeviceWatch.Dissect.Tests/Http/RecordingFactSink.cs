using DeviceWatch.Dissect.Common;

namespace DeviceWatch.Dissect.Tests.Http;

/// <summary>Keeps facts and anomalies in the order they were reported.</summary>
internal sealed class RecordingFactSink : IFactSink
{
    public List<DissectedFact> Facts { get; } = [];
    public List<string> Anomalies { get; } = [];
    /// <summary>Facts and anomalies interleaved, in order.</summary>
    public List<object> Events { get; } = [];

    public void Emit(DissectedFact fact)
    {
        Facts.Add(fact);
        Events.Add(fact);
    }

    public void CountAnomaly(string protocol, string kind)
    {
        Assert.Equal("http", protocol);
        Anomalies.Add(kind);
        Events.Add("anomaly:" + kind);
    }
}
