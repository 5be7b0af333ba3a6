namespace DeviceWatch.Dissect.Common;

/// <summary>Size limits every dissector checks before allocating.</summary>
public sealed record DissectorLimits
{
    /// <summary>Default limits.</summary>
    public static DissectorLimits Default { get; } = new();

    /// <summary>Largest HTTP header block (request/status line plus headers).</summary>
    public int MaxHeaderBytes { get; init; } = 64 * 1024;
    /// <summary>Most HTTP header fields in one message.</summary>
    public int MaxHeaderCount { get; init; } = 256;
    /// <summary>Body bytes kept per message for analysis (the rest is counted, not kept).</summary>
    public int MaxBodyCapture { get; init; } = 1024 * 1024;
    /// <summary>Largest decoded (decompressed) body kept, against decompression bombs.</summary>
    public int MaxDecodedBody { get; init; } = 4 * 1024 * 1024;
    /// <summary>Largest TLS handshake message buffered (a ClientHello spanning records/segments).</summary>
    public int MaxTlsHandshake { get; init; } = 64 * 1024;
    /// <summary>Largest MQTT control packet parsed; larger PUBLISH payloads are truncated to <see cref="MaxBodyCapture"/>.</summary>
    public int MaxMqttPacket { get; init; } = 16 * 1024 * 1024;
}
