namespace DeviceWatch.Analysis.Rules;

/// <summary>A pointer into the JSONL logs: the observation's time, flow uid and field.</summary>
/// <param name="Ts">Observation time, UTC.</param>
/// <param name="Uid">Flow uid (joins conn.jsonl, http.jsonl, mqtt.jsonl…).</param>
/// <param name="Field">Field path inside the payload.</param>
public sealed record EvidenceRef(DateTime Ts, string Uid, string Field);
