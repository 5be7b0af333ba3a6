namespace DeviceWatch.Synth.Payloads;

/// <summary>TLS protocol version numbers.</summary>
public static class TlsVersions
{
    /// <summary>TLS 1.0 (the legacy record-layer version of a ClientHello).</summary>
    public const ushort Tls10 = 0x0301;

    /// <summary>TLS 1.2.</summary>
    public const ushort Tls12 = 0x0303;

    /// <summary>TLS 1.3.</summary>
    public const ushort Tls13 = 0x0304;
}
