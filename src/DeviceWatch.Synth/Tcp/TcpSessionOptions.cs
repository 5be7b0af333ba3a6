using DeviceWatch.Synth.Frames;

namespace DeviceWatch.Synth.Tcp;

/// <summary>
/// Timing, sizing and impairment settings of a <see cref="TcpSessionBuilder"/>. The capture point is next to the
/// client: a client packet is answered after <see cref="RoundTripTime"/>, a server packet after
/// <see cref="ClientDelay"/>.
/// </summary>
public sealed record TcpSessionOptions
{
    /// <summary>Defaults suitable for a device talking to an Internet server.</summary>
    public static TcpSessionOptions Default { get; } = new();

    /// <summary>Maximum segment size announced by both sides and used to cut data.</summary>
    public ushort MaximumSegmentSize { get; init; } = 1460;

    /// <summary>Window scale shift announced by both sides in their SYNs.</summary>
    public byte WindowScale { get; init; } = 7;

    /// <summary>Unscaled window field carried after the handshake (with scale 7, 502 means 64256 bytes).</summary>
    public ushort Window { get; init; } = 502;

    /// <summary>Segments sent back to back before the receiver's cumulative ACK (must fit the window).</summary>
    public int FlightSegments { get; init; } = 10;

    /// <summary>Time between capture of a client packet and the server's answer.</summary>
    public TimeSpan RoundTripTime { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Time between capture of a server packet and the client's answer.</summary>
    public TimeSpan ClientDelay { get; init; } = TimeSpan.FromMilliseconds(0.2);

    /// <summary>Spacing of back-to-back segments.</summary>
    public TimeSpan SegmentGap { get; init; } = TimeSpan.FromMilliseconds(0.05);

    /// <summary>Client initial sequence number, or null to draw it from <see cref="Seed"/>.</summary>
    public uint? ClientInitialSequence { get; init; }

    /// <summary>Server initial sequence number, or null to draw it from <see cref="Seed"/>.</summary>
    public uint? ServerInitialSequence { get; init; }

    /// <summary>Seed for initial sequence numbers, IP identifications and random impairments.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Probability (0-1) that a flight gets a <see cref="TcpFault.Retransmission"/>.</summary>
    public double RetransmissionProbability { get; init; }

    /// <summary>Probability (0-1) that a flight of two or more segments gets <see cref="TcpFault.OutOfOrder"/>.</summary>
    public double OutOfOrderProbability { get; init; }

    /// <summary>Link/IP options for every frame (VLAN tag, TTL); the IP identification is managed per side.</summary>
    public FrameOptions Frame { get; init; } = FrameOptions.Default;

    /// <summary>Server TTL as seen at the capture point (client frames use <see cref="Frame"/>'s TTL).</summary>
    public byte ServerTimeToLive { get; init; } = 54;
}
