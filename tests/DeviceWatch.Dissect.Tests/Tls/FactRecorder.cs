using System.Text.Json;
using DeviceWatch.Dissect.Common;

namespace DeviceWatch.Dissect.Tests.Tls;

/// <summary>Collects facts and anomalies a dissector reports.</summary>
internal sealed class FactRecorder : IFactSink
{
    public List<DissectedFact> Facts { get; } = [];
    public List<string> Anomalies { get; } = [];

    public void Emit(DissectedFact fact) => Facts.Add(fact);

    public void CountAnomaly(string protocol, string kind) => Anomalies.Add($"{protocol}:{kind}");

    /// <summary>Every fact as JSON with its type name, for exact comparisons between runs.</summary>
    public List<string> Describe() => Facts.Select(Describe).ToList();

    public static string Describe(DissectedFact fact) =>
        fact.GetType().Name + JsonSerializer.Serialize(fact, fact.GetType());
}
