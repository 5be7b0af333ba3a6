using DeviceWatch.Synth.Payloads;

namespace DeviceWatch.Synth.Lab;

/// <summary>TLS: one connection per tick with a full handshake, then application data each way.</summary>
public sealed record TlsActivity : LabActivity
{
    /// <inheritdoc />
    public override ushort Port { get; init; } = 443;

    /// <summary>Negotiated version (<see cref="TlsVersions.Tls13"/> or <see cref="TlsVersions.Tls12"/>).</summary>
    public ushort Version { get; init; } = TlsVersions.Tls13;

    /// <summary>ALPN protocols offered (the first is chosen); empty for none.</summary>
    public IReadOnlyList<string> Alpn { get; init; } = ["h2", "http/1.1"];

    /// <summary>Send SNI (the host name) in the ClientHello.</summary>
    public bool SendServerName { get; init; } = true;

    /// <summary>Plaintext bytes the client sends per tick.</summary>
    public int UploadBytes { get; init; } = 600;

    /// <summary>Plaintext bytes the server sends per tick.</summary>
    public int DownloadBytes { get; init; } = 1200;
}
