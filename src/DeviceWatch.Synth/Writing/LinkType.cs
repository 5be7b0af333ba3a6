namespace DeviceWatch.Synth.Writing;

/// <summary>Link-layer header types (tcpdump.org LINKTYPE_ values) the writers support.</summary>
public enum LinkType : ushort
{
    /// <summary>LINKTYPE_ETHERNET: Ethernet II frames, optionally 802.1Q tagged.</summary>
    Ethernet = 1,

    /// <summary>LINKTYPE_RAW: the frame is an IPv4 or IPv6 packet with no link header.</summary>
    RawIp = 101,

    /// <summary>LINKTYPE_LINUX_SLL: Linux "cooked" capture v1 (16-byte header).</summary>
    LinuxSll = 113,

    /// <summary>LINKTYPE_LINUX_SLL2: Linux "cooked" capture v2 (20-byte header).</summary>
    LinuxSll2 = 276,
}
