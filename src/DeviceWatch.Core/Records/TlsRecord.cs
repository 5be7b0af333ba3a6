namespace DeviceWatch.Core.Records;

/// <summary>One TLS handshake (client and, when seen, server hello), written to <c>tls.jsonl</c>.</summary>
public sealed record TlsRecord
{
    /// <summary>Time of the ClientHello.</summary>
    public required DateTime Ts { get; init; }
    /// <summary>Flow identifier.</summary>
    public required string Uid { get; init; }
    /// <summary>Device id, or null.</summary>
    public string? Device { get; init; }
    /// <summary>SNI host name.</summary>
    public string? ServerName { get; init; }
    /// <summary>ALPN protocols offered by the client.</summary>
    public IReadOnlyList<string> Alpn { get; init; } = [];
    /// <summary>Negotiated version (from the ServerHello, supported_versions aware), else the client's highest offer.</summary>
    public string? Version { get; init; }
    /// <summary>JA3 fingerprint (MD5 hex) of the ClientHello.</summary>
    public string? Ja3 { get; init; }
    /// <summary>JA4 fingerprint of the ClientHello.</summary>
    public string? Ja4 { get; init; }
    /// <summary>Responder address.</summary>
    public required string RespH { get; init; }
    /// <summary>Responder port.</summary>
    public int RespP { get; init; }
    /// <summary>Cipher suite chosen by the server (IANA name or hex), when a ServerHello was seen.</summary>
    public string? Cipher { get; init; }
    /// <summary>ALPN protocol chosen by the server.</summary>
    public string? ServerAlpn { get; init; }
    /// <summary>Versions offered in supported_versions by the client.</summary>
    public IReadOnlyList<string> ClientVersions { get; init; } = [];
    /// <summary>Whether a ServerHello was seen.</summary>
    public bool Established { get; init; }
}
