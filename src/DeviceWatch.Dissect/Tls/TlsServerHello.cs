using DeviceWatch.Dissect.Common;

namespace DeviceWatch.Dissect.Tls;

/// <summary>A parsed TLS ServerHello.</summary>
public sealed record TlsServerHello : DissectedFact
{
    /// <summary>legacy_version.</summary>
    public ushort LegacyVersion { get; init; }
    /// <summary>supported_versions selected_version (TLS 1.3), else null.</summary>
    public ushort? SelectedVersion { get; init; }
    /// <summary>Chosen cipher suite.</summary>
    public ushort CipherSuite { get; init; }
    /// <summary>Chosen ALPN protocol.</summary>
    public string? Alpn { get; init; }
    /// <summary>True when this is a HelloRetryRequest.</summary>
    public bool IsHelloRetryRequest { get; init; }

    /// <summary>The negotiated version: <see cref="SelectedVersion"/> when present, else <see cref="LegacyVersion"/>.</summary>
    public ushort NegotiatedVersion => SelectedVersion ?? LegacyVersion;
}
