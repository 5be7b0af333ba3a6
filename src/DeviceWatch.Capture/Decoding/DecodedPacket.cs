namespace DeviceWatch.Capture.Decoding;

/// <summary>Header fields of one frame, decoded without allocation.</summary>
internal struct DecodedPacket
{
    public MacAddress SourceMac;
    public MacAddress DestinationMac;
    public bool HasMac;
    public ushort VlanId;
    public IpAddressBytes Source;
    public IpAddressBytes Destination;
    /// <summary>IP protocol number (6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6).</summary>
    public byte Protocol;
    public ushort SourcePort;
    public ushort DestinationPort;
    public uint Sequence;
    public uint Acknowledgment;
    /// <summary>TCP flags byte (FIN 0x01, SYN 0x02, RST 0x04, PSH 0x08, ACK 0x10).</summary>
    public byte TcpFlags;
    /// <summary>Offset of the IP header in the frame.</summary>
    public int IpOffset;
    /// <summary>Length of the IP packet (from its header, clamped to the captured bytes).</summary>
    public int IpLength;
    /// <summary>Offset of the transport payload in the frame.</summary>
    public int PayloadOffset;
    /// <summary>Captured transport payload length.</summary>
    public int PayloadLength;
    /// <summary>Payload length according to the headers (may exceed the captured part when snaplen cut it).</summary>
    public int WirePayloadLength;
    /// <summary>True when the capture holds fewer bytes of the IP packet than its header announces (snap length).</summary>
    public bool IsSnapTruncated;
    /// <summary>True for the first fragment of a fragmented IPv4 datagram whose transport header was decoded.</summary>
    public bool IsFirstFragment;
    /// <summary>Short name of what was wrong, for anomaly counting.</summary>
    public string? Anomaly;

    public const byte Fin = 0x01;
    public const byte Syn = 0x02;
    public const byte Rst = 0x04;
    public const byte Ack = 0x10;
}
