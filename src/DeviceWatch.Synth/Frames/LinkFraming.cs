using System.Buffers.Binary;

namespace DeviceWatch.Synth.Frames;

/// <summary>
/// Re-frames an Ethernet frame for the other link types the writers support (raw IP, Linux cooked v1 and v2).
/// VLAN tags are dropped, as Linux cooked captures usually show them.
/// </summary>
public static class LinkFraming
{
    /// <summary>Linux packet type: sent by this host.</summary>
    public const byte PacketOutgoing = 4;

    /// <summary>Linux packet type: addressed to this host.</summary>
    public const byte PacketToHost = 0;

    /// <summary>
    /// Returns the frame for <paramref name="linkType"/>: unchanged for Ethernet, the bare IP packet for
    /// raw IP, or the IP packet behind a cooked header whose address is the Ethernet source.
    /// </summary>
    public static byte[] Convert(ReadOnlySpan<byte> ethernetFrame, Writing.LinkType linkType, byte packetType = PacketOutgoing, int interfaceIndex = 1)
    {
        if (linkType == Writing.LinkType.Ethernet)
        {
            return ethernetFrame.ToArray();
        }

        var etherTypeAt = BinaryPrimitives.ReadUInt16BigEndian(ethernetFrame[12..]) == FrameBuilder.EtherTypeVlan ? 16 : 12;
        var etherType = BinaryPrimitives.ReadUInt16BigEndian(ethernetFrame[etherTypeAt..]);
        var network = ethernetFrame[(etherTypeAt + 2)..];
        var source = ethernetFrame.Slice(6, 6);
        switch (linkType)
        {
            case Writing.LinkType.RawIp:
                return network.ToArray();
            case Writing.LinkType.LinuxSll:
            {
                var frame = new byte[16 + network.Length];
                BinaryPrimitives.WriteUInt16BigEndian(frame, packetType);
                BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), 1); // ARPHRD_ETHER
                BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(4), 6);
                source.CopyTo(frame.AsSpan(6));
                BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(14), etherType);
                network.CopyTo(frame.AsSpan(16));
                return frame;
            }

            case Writing.LinkType.LinuxSll2:
            {
                var frame = new byte[20 + network.Length];
                BinaryPrimitives.WriteUInt16BigEndian(frame, etherType);
                BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(4), interfaceIndex);
                BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(8), 1); // ARPHRD_ETHER
                frame[10] = packetType;
                frame[11] = 6;
                source.CopyTo(frame.AsSpan(12));
                network.CopyTo(frame.AsSpan(20));
                return frame;
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(linkType), linkType, "Unsupported link type.");
        }
    }
}
