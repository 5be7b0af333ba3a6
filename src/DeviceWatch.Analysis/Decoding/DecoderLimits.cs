namespace DeviceWatch.Analysis.Decoding;

/// <summary>Limits that bound the work done to decode one payload into leaves.</summary>
public sealed record DecoderLimits
{
    /// <summary>Maximum nesting of containers and decoding layers (JSON in base64 in protobuf counts three).</summary>
    public int MaxDepth { get; init; } = 24;

    /// <summary>Maximum bytes produced by decompression and text decoding (base64, hex) for one payload.</summary>
    public long MaxDecodedBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Maximum nodes (containers and leaves) produced for one payload.</summary>
    public int MaxNodes { get; init; } = 20_000;

    /// <summary>Wall-clock budget for decoding one payload; decoding stops (keeping what it has) when exceeded.</summary>
    public TimeSpan TimeBudget { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Shortest base64 string that is tried as nested content.</summary>
    public int MinNestedBase64Length { get; init; } = 16;

    /// <summary>Shortest hex string that is tried as nested content.</summary>
    public int MinNestedHexLength { get; init; } = 16;

    /// <summary>The defaults.</summary>
    public static DecoderLimits Default { get; } = new();
}
