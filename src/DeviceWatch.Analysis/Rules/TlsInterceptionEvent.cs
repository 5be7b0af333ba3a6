namespace DeviceWatch.Analysis.Rules;

/// <summary>
/// One attempt of the DeviceWatch proxy to intercept a device's TLS connection with its own certificate.
/// </summary>
/// <param name="Device">Device id, MAC or IP (resolved like observation devices).</param>
/// <param name="Host">Server name the device asked for.</param>
/// <param name="Ts">Time of the handshake, UTC.</param>
/// <param name="Uid">Flow uid.</param>
/// <param name="Completed">True when the device completed the handshake with the proxy's certificate.</param>
/// <param name="FailureReason">Why it failed (e.g. the alert the device sent), when it did.</param>
public sealed record TlsInterceptionEvent(string Device, string Host, DateTime Ts, string Uid, bool Completed, string? FailureReason);
