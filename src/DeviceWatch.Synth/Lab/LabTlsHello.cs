namespace DeviceWatch.Synth.Lab;

/// <summary>One TLS handshake.</summary>
/// <param name="Time">Time of the connection's SYN.</param>
/// <param name="DeviceId">Client device.</param>
/// <param name="ServerName">SNI sent, or null.</param>
/// <param name="Alpn">ALPN protocols offered.</param>
/// <param name="Version">Negotiated version (0x0304 or 0x0303).</param>
/// <param name="ServerPort">Server port.</param>
public sealed record LabTlsHello(DateTime Time, string DeviceId, string? ServerName, IReadOnlyList<string> Alpn, ushort Version, int ServerPort);
