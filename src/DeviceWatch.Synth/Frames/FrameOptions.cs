namespace DeviceWatch.Synth.Frames;

/// <summary>Link and IP header choices for one frame.</summary>
public sealed record FrameOptions
{
    /// <summary>Defaults: no VLAN tag, TTL 64, identification 0, DF set.</summary>
    public static FrameOptions Default { get; } = new();

    /// <summary>802.1Q VLAN id (1-4094) to tag the frame with, or null for an untagged frame.</summary>
    public ushort? VlanId { get; init; }

    /// <summary>802.1Q priority code point (0-7).</summary>
    public byte VlanPriority { get; init; }

    /// <summary>IPv4 TTL or IPv6 hop limit.</summary>
    public byte TimeToLive { get; init; } = 64;

    /// <summary>IPv4 identification field.</summary>
    public ushort IpIdentification { get; init; }

    /// <summary>IPv4 "don't fragment" flag.</summary>
    public bool DontFragment { get; init; } = true;

    /// <summary>IPv4 DSCP/ECN byte or IPv6 traffic class.</summary>
    public byte TrafficClass { get; init; }

    /// <summary>IPv6 flow label (20 bits).</summary>
    public uint FlowLabel { get; init; }
}
