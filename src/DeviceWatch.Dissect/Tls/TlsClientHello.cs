using DeviceWatch.Dissect.Common;

namespace DeviceWatch.Dissect.Tls;

/// <summary>A parsed TLS ClientHello with its fingerprints.</summary>
public sealed record TlsClientHello : DissectedFact
{
    /// <summary>legacy_version of the ClientHello (0x0303 for TLS 1.2 and 1.3).</summary>
    public ushort LegacyVersion { get; init; }
    /// <summary>supported_versions extension values (GREASE removed), empty when absent.</summary>
    public IReadOnlyList<ushort> SupportedVersions { get; init; } = [];
    /// <summary>Cipher suites offered (GREASE included as on the wire).</summary>
    public IReadOnlyList<ushort> CipherSuites { get; init; } = [];
    /// <summary>Extension types in wire order.</summary>
    public IReadOnlyList<ushort> Extensions { get; init; } = [];
    /// <summary>supported_groups (elliptic curves).</summary>
    public IReadOnlyList<ushort> SupportedGroups { get; init; } = [];
    /// <summary>ec_point_formats.</summary>
    public IReadOnlyList<byte> EcPointFormats { get; init; } = [];
    /// <summary>signature_algorithms.</summary>
    public IReadOnlyList<ushort> SignatureAlgorithms { get; init; } = [];
    /// <summary>server_name (host_name type), null when absent.</summary>
    public string? ServerName { get; init; }
    /// <summary>ALPN protocol names offered.</summary>
    public IReadOnlyList<string> Alpn { get; init; } = [];
    /// <summary>JA3 string (version,ciphers,extensions,groups,formats without GREASE).</summary>
    public required string Ja3Text { get; init; }
    /// <summary>MD5 hex of <see cref="Ja3Text"/>.</summary>
    public required string Ja3 { get; init; }
    /// <summary>JA4 fingerprint (FoxIO spec, TCP: prefix <c>t</c>).</summary>
    public required string Ja4 { get; init; }
    /// <summary>True when the hello carries an encrypted_client_hello extension.</summary>
    public bool HasEncryptedClientHello { get; init; }
}
