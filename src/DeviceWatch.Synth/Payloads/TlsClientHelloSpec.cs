namespace DeviceWatch.Synth.Payloads;

/// <summary>What a client offers in its ClientHello. Defaults resemble a current TLS 1.3 client.</summary>
public sealed record TlsClientHelloSpec
{
    /// <summary>server_name (SNI), or null to leave the extension out.</summary>
    public string? ServerName { get; init; }

    /// <summary>ALPN protocols; empty leaves the extension out.</summary>
    public IReadOnlyList<string> Alpn { get; init; } = ["h2", "http/1.1"];

    /// <summary>Offered cipher suites.</summary>
    public IReadOnlyList<ushort> CipherSuites { get; init; } =
        [0x1301, 0x1302, 0x1303, 0xC02B, 0xC02F, 0xC02C, 0xC030, 0xCCA9, 0xCCA8, 0xC013, 0xC014, 0x009C, 0x009D, 0x002F, 0x0035];

    /// <summary>supported_versions, highest first; empty makes a TLS 1.2-only hello without the extension.</summary>
    public IReadOnlyList<ushort> SupportedVersions { get; init; } = [TlsVersions.Tls13, TlsVersions.Tls12];

    /// <summary>supported_groups.</summary>
    public IReadOnlyList<ushort> SupportedGroups { get; init; } = [0x001D, 0x0017, 0x0018];

    /// <summary>signature_algorithms.</summary>
    public IReadOnlyList<ushort> SignatureAlgorithms { get; init; } =
        [0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601];

    /// <summary>Groups to send key shares for (random key bytes); only when TLS 1.3 is offered.</summary>
    public IReadOnlyList<ushort> KeyShareGroups { get; init; } = [0x001D];
}
