namespace DeviceWatch.Capture.Flows;

/// <summary>Bounds and timeouts of the flow table.</summary>
internal sealed record FlowTableOptions
{
    /// <summary>Most live flows; when full, the flow idle the longest is evicted (and counted).</summary>
    public int MaxFlows { get; init; } = 200_000;
    /// <summary>Idle timeout of open TCP connections (Zeek's default is 5 minutes).</summary>
    public TimeSpan TcpIdleTimeout { get; init; } = TimeSpan.FromMinutes(5);
    /// <summary>How long a closed TCP connection is kept for trailing packets.</summary>
    public TimeSpan TcpClosedLinger { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>Idle timeout of UDP and other flows.</summary>
    public TimeSpan DatagramIdleTimeout { get; init; } = TimeSpan.FromMinutes(1);
    /// <summary>Out-of-order bytes buffered per TCP direction.</summary>
    public int MaxBufferedBytesPerDirection { get; init; } = 256 * 1024;
}
