using DeviceWatch.Synth.Writing;

namespace DeviceWatch.Synth.Bulk;

/// <summary>Size, shape and format of a bulk benchmark capture. Set <see cref="TargetPackets"/>, <see cref="TargetBytes"/> or both.</summary>
public sealed record BulkCaptureOptions
{
    /// <summary>Stop after this many frames, or null.</summary>
    public long? TargetPackets { get; init; }

    /// <summary>Stop once the file has at least this many bytes, or null.</summary>
    public long? TargetBytes { get; init; }

    /// <summary>Seed for every random choice; the same options give the same bytes.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Time of the first packet (UTC).</summary>
    public DateTime Start { get; init; } = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    /// <summary>File format.</summary>
    public CaptureFormat Format { get; init; } = CaptureFormat.Pcap;

    /// <summary>Timestamp resolution.</summary>
    public TimestampResolution Resolution { get; init; } = TimestampResolution.Microsecond;

    /// <summary>Number of distinct client hosts (10.x.y.z, MAC 02:10:…).</summary>
    public int Clients { get; init; } = 500;

    /// <summary>Sessions in progress at once; their packets interleave in time order.</summary>
    public int ConcurrentSessions { get; init; } = 64;

    /// <summary>Relative share of HTTP/1.1 sessions.</summary>
    public int HttpWeight { get; init; } = 3;

    /// <summary>Relative share of TLS sessions (handshake and application data).</summary>
    public int TlsWeight { get; init; } = 5;

    /// <summary>Relative share of DNS lookups over UDP.</summary>
    public int DnsWeight { get; init; } = 2;
}
