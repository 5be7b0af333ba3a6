using DeviceWatch.Dissect.Common;

namespace DeviceWatch.Dissect.Tests.Dns;

/// <summary>Collects emitted facts and counted anomalies, in order.</summary>
internal sealed class RecordingFactSink : IFactSink
{
    public List<DissectedFact> Facts { get; } = [];

    public List<string> Anomalies { get; } = [];

    public void Emit(DissectedFact fact) => Facts.Add(fact);

    public void CountAnomaly(string protocol, string kind) => Anomalies.Add(protocol + "/" + kind);
}
