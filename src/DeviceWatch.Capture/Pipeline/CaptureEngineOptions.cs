using DeviceWatch.Capture.Flows;
using DeviceWatch.Dissect.Common;

namespace DeviceWatch.Capture.Pipeline;

/// <summary>Settings of a <see cref="CaptureEngine"/>.</summary>
public sealed record CaptureEngineOptions
{
    /// <summary>Most live flows before the least recently active one is evicted.</summary>
    public int MaxFlows { get; init; } = 200_000;
    /// <summary>Out-of-order bytes buffered per TCP direction.</summary>
    public int MaxBufferedBytesPerDirection { get; init; } = 256 * 1024;
    /// <summary>Idle timeout of open TCP connections.</summary>
    public TimeSpan TcpIdleTimeout { get; init; } = TimeSpan.FromMinutes(5);
    /// <summary>Idle timeout of UDP and other flows.</summary>
    public TimeSpan DatagramIdleTimeout { get; init; } = TimeSpan.FromMinutes(1);
    /// <summary>Parser limits.</summary>
    public DissectorLimits Limits { get; init; } = DissectorLimits.Default;

    /// <summary>Test seam: replaces each stream dissector the protocol detector picks (e.g. with one that throws).</summary>
    internal Func<IStreamDissector, IStreamDissector>? WrapDissector { get; init; }

    internal FlowTableOptions ToFlowTableOptions() => new()
    {
        MaxFlows = MaxFlows,
        MaxBufferedBytesPerDirection = MaxBufferedBytesPerDirection,
        TcpIdleTimeout = TcpIdleTimeout,
        DatagramIdleTimeout = DatagramIdleTimeout,
    };
}
