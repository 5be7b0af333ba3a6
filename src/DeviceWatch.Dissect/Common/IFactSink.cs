namespace DeviceWatch.Dissect.Common;

/// <summary>Receives what a dissector found: facts, and counted anomalies (malformed input that was skipped).</summary>
public interface IFactSink
{
    /// <summary>A complete protocol message.</summary>
    void Emit(DissectedFact fact);

    /// <summary>Malformed or unsupported input was skipped; <paramref name="kind"/> is a short stable name.</summary>
    void CountAnomaly(string protocol, string kind);
}
