namespace DeviceWatch.Store.Session;

/// <summary>One protocol log record (dns, dhcp, tls, http, mqtt…) kept as its JSONL text.</summary>
/// <param name="Ts">Record time, UTC.</param>
/// <param name="Uid">Flow uid, when the record has one.</param>
/// <param name="Device">Device id, when known.</param>
/// <param name="Json">The record as written to its JSONL log (one line, no newline).</param>
public sealed record StoredProtocolRecord(DateTime Ts, string? Uid, string? Device, string Json);
