namespace DeviceWatch.Store.Session;

/// <summary>A TLS interception attempt of the proxy, as stored (mirrors the analyzer's TlsInterceptionEvent).</summary>
/// <param name="Device">Device id, MAC or IP.</param>
/// <param name="Host">Server name.</param>
/// <param name="Ts">Time, UTC.</param>
/// <param name="Uid">Flow uid.</param>
/// <param name="Completed">True when the device accepted the proxy's certificate.</param>
/// <param name="FailureReason">Why it failed, when it did.</param>
public sealed record StoredTlsInterception(string Device, string Host, DateTime Ts, string Uid, bool Completed, string? FailureReason);
