namespace DeviceWatch.Capture.Writing;

/// <summary>When a <see cref="RotatingCaptureWriter"/> starts a new file: by size, by age (packet time), or both.</summary>
public sealed record RotationPolicy
{
    /// <summary>Start a new file once the current one holds this many bytes (0: never by size).</summary>
    public long MaxBytes { get; init; } = 100L * 1024 * 1024;

    /// <summary>Start a new file once a packet is this much later than the current file's first packet (zero: never by time).</summary>
    public TimeSpan MaxAge { get; init; } = TimeSpan.FromMinutes(5);
}
