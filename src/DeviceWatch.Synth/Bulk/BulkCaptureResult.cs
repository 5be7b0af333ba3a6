namespace DeviceWatch.Synth.Bulk;

/// <summary>What a bulk capture contains.</summary>
public sealed record BulkCaptureResult
{
    /// <summary>Frames written.</summary>
    public required long Packets { get; init; }

    /// <summary>File bytes written (headers included).</summary>
    public required long Bytes { get; init; }

    /// <summary>HTTP sessions started (the last few may be cut off by the target).</summary>
    public required long HttpSessions { get; init; }

    /// <summary>TLS sessions started.</summary>
    public required long TlsSessions { get; init; }

    /// <summary>DNS lookups started.</summary>
    public required long DnsLookups { get; init; }

    /// <summary>Time of the first packet.</summary>
    public required DateTime Start { get; init; }

    /// <summary>Time of the last packet.</summary>
    public required DateTime End { get; init; }
}
