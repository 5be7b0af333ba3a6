namespace DeviceWatch.Proxy;

/// <summary>One attempt to intercept a device's TLS connection with a certificate of the lab CA.</summary>
/// <param name="Device">Device id (see <see cref="ProxyOptions.DeviceIdOf"/>), else the client IP.</param>
/// <param name="Host">Server name the device asked for (SNI, else the destination).</param>
/// <param name="Ts">Time of the handshake, UTC.</param>
/// <param name="Uid">Flow uid.</param>
/// <param name="Completed">True when the device completed the handshake with the proxy's certificate.</param>
/// <param name="FailureReason">Why it failed (<c>alert:unknown_ca</c>, <c>alert:bad_certificate</c>, <c>closed</c>, <c>timeout</c>…).</param>
public sealed record TlsInterceptionRecord(string Device, string Host, DateTime Ts, string Uid, bool Completed, string? FailureReason);
