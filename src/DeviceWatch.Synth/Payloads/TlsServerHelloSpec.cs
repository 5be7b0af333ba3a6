namespace DeviceWatch.Synth.Payloads;

/// <summary>What a server answers in its ServerHello.</summary>
public sealed record TlsServerHelloSpec
{
    /// <summary>Negotiated version: <see cref="TlsVersions.Tls13"/> or <see cref="TlsVersions.Tls12"/>.</summary>
    public ushort Version { get; init; } = TlsVersions.Tls13;

    /// <summary>Chosen cipher suite, or null for 0x1301 (TLS 1.3) / 0xC02F (TLS 1.2).</summary>
    public ushort? CipherSuite { get; init; }

    /// <summary>Chosen ALPN protocol (sent in clear only in TLS 1.2), or null.</summary>
    public string? Alpn { get; init; }

    /// <summary>TLS 1.3: key share group.</summary>
    public ushort KeyShareGroup { get; init; } = 0x001D;

    /// <summary>TLS 1.3: length of the encrypted server flight (EncryptedExtensions … Finished).</summary>
    public int EncryptedFlightLength { get; init; } = 2800;
}
