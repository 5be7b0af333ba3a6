using DeviceWatch.Dissect.Common;

namespace DeviceWatch.Dissect.Tests.Quic;

/// <summary>Collects emitted facts and counted anomalies (as <c>protocol/kind</c>), in order.</summary>
internal sealed class QuicFactRecorder : IFactSink
{
    public List<DissectedFact> Facts { get; } = [];

    public List<string> Anomalies { get; } = [];

    public void Emit(DissectedFact fact) => Facts.Add(fact);

    public void CountAnomaly(string protocol, string kind) => Anomalies.Add(protocol + "/" + kind);
}
