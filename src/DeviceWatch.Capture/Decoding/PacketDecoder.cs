using System.Buffers.Binary;
using PacketDotNet;

namespace DeviceWatch.Capture.Decoding;

/// <summary>
/// Decodes link, IP and transport headers straight from the frame bytes (no allocation on the common link
/// types). Link types it does not decode itself are handed to PacketDotNet, which locates the IP packet.
/// </summary>
internal static class PacketDecoder
{
    private const ushort EtherTypeIpv4 = 0x0800;
    private const ushort EtherTypeIpv6 = 0x86DD;
    private const ushort EtherTypeVlan = 0x8100;
    private const ushort EtherTypeQinQ = 0x88A8;
    private const ushort EtherTypePppoeSession = 0x8864;

    /// <summary>True when frames of <paramref name="linkType"/> can be decoded.</summary>
    public static bool IsSupported(LinkLayers linkType) => linkType switch
    {
        LinkLayers.Ethernet or LinkLayers.LinuxSll or LinkLayers.LinuxSll2 or LinkLayers.Raw or LinkLayers.RawLegacy
            or LinkLayers.IPv4 or LinkLayers.IPv6 or LinkLayers.Null or LinkLayers.Loop or LinkLayers.Ppp
            or LinkLayers.PppHdlc or LinkLayers.Ieee80211 or LinkLayers.Ieee80211RadioTap or LinkLayers.Ppi => true,
        _ => (int)linkType == 14,
    };

    /// <summary>Decodes one captured frame.</summary>
    public static DecodeStatus Decode(LinkLayers linkType, ReadOnlySpan<byte> frame, ref DecodedPacket packet)
    {
        packet = default;
        switch (linkType)
        {
            case LinkLayers.Ethernet:
                return DecodeEthernet(frame, ref packet);
            case LinkLayers.LinuxSll:
                return DecodeLinuxSll(frame, ref packet);
            case LinkLayers.LinuxSll2:
                return DecodeLinuxSll2(frame, ref packet);
            case LinkLayers.Raw or LinkLayers.RawLegacy or LinkLayers.IPv4 or LinkLayers.IPv6:
                return DecodeIp(frame, 0, ref packet);
            case LinkLayers.Null or LinkLayers.Loop:
                return DecodeLoopback(frame, ref packet);
            case LinkLayers.Ppp or LinkLayers.PppHdlc:
                return DecodePpp(frame, ref packet);
            default:
                if ((int)linkType == 14)
                {
                    return DecodeIp(frame, 0, ref packet);
                }

                return DecodeWithPacketDotNet(linkType, frame, ref packet);
        }
    }

    private static DecodeStatus DecodeEthernet(ReadOnlySpan<byte> frame, ref DecodedPacket packet)
    {
        if (frame.Length < 14)
        {
            return Malformed(ref packet, "ethernet-truncated");
        }

        packet.DestinationMac = MacAddress.Read(frame);
        packet.SourceMac = MacAddress.Read(frame[6..]);
        packet.HasMac = true;
        var offset = 12;
        var etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]);
        offset += 2;
        for (var tags = 0; (etherType == EtherTypeVlan || etherType == EtherTypeQinQ) && tags < 4; tags++)
        {
            if (frame.Length < offset + 4)
            {
                return Malformed(ref packet, "vlan-truncated");
            }

            packet.VlanId = (ushort)(BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]) & 0x0FFF);
            etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 2)..]);
            offset += 4;
        }

        if (etherType == EtherTypePppoeSession)
        {
            // RFC 2516: 6-byte PPPoE header, then the PPP protocol field.
            if (frame.Length < offset + 8)
            {
                return Malformed(ref packet, "pppoe-truncated");
            }

            var pppProtocol = BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 6)..]);
            return pppProtocol is 0x0021 or 0x0057 ? DecodeIp(frame, offset + 8, ref packet) : DecodeStatus.NotIp;
        }

        return etherType switch
        {
            EtherTypeIpv4 or EtherTypeIpv6 => DecodeIp(frame, offset, ref packet),
            _ => DecodeStatus.NotIp,
        };
    }

    private static DecodeStatus DecodeLinuxSll(ReadOnlySpan<byte> frame, ref DecodedPacket packet)
    {
        // https://www.tcpdump.org/linktypes/LINKTYPE_LINUX_SLL.html
        if (frame.Length < 16)
        {
            return Malformed(ref packet, "sll-truncated");
        }

        var addressLength = BinaryPrimitives.ReadUInt16BigEndian(frame[4..]);
        var packetType = BinaryPrimitives.ReadUInt16BigEndian(frame);
        if (addressLength == 6)
        {
            SetSllMac(ref packet, packetType, MacAddress.Read(frame[6..]));
        }

        var protocol = BinaryPrimitives.ReadUInt16BigEndian(frame[14..]);
        return protocol is EtherTypeIpv4 or EtherTypeIpv6 ? DecodeIp(frame, 16, ref packet) : DecodeStatus.NotIp;
    }

    private static DecodeStatus DecodeLinuxSll2(ReadOnlySpan<byte> frame, ref DecodedPacket packet)
    {
        // https://www.tcpdump.org/linktypes/LINKTYPE_LINUX_SLL2.html
        if (frame.Length < 20)
        {
            return Malformed(ref packet, "sll2-truncated");
        }

        var protocol = BinaryPrimitives.ReadUInt16BigEndian(frame);
        var packetType = frame[10];
        if (frame[11] == 6)
        {
            SetSllMac(ref packet, packetType, MacAddress.Read(frame[12..]));
        }

        return protocol is EtherTypeIpv4 or EtherTypeIpv6 ? DecodeIp(frame, 20, ref packet) : DecodeStatus.NotIp;
    }

    private static void SetSllMac(ref DecodedPacket packet, int packetType, MacAddress address)
    {
        // The cooked header carries only the sender's address. Packet type 4 = sent by us (outgoing).
        packet.SourceMac = address;
        packet.HasMac = packetType != 4 || address.Value != 0;
    }

    private static DecodeStatus DecodeLoopback(ReadOnlySpan<byte> frame, ref DecodedPacket packet)
    {
        if (frame.Length < 4)
        {
            return Malformed(ref packet, "loopback-truncated");
        }

        // The address family is in host byte order of the capturing machine: accept either.
        var family = BinaryPrimitives.ReadUInt32LittleEndian(frame);
        if (family > 0xFFFF)
        {
            family = BinaryPrimitives.ReadUInt32BigEndian(frame);
        }

        return family is 2 or 24 or 28 or 30 ? DecodeIp(frame, 4, ref packet) : DecodeStatus.NotIp;
    }

    private static DecodeStatus DecodePpp(ReadOnlySpan<byte> frame, ref DecodedPacket packet)
    {
        var offset = 0;
        if (frame.Length >= 2 && frame[0] == 0xFF && frame[1] == 0x03)
        {
            offset = 2;
        }

        if (frame.Length < offset + 2)
        {
            return Malformed(ref packet, "ppp-truncated");
        }

        var protocol = BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]);
        return protocol is 0x0021 or 0x0057 ? DecodeIp(frame, offset + 2, ref packet) : DecodeStatus.NotIp;
    }

    private static DecodeStatus DecodeWithPacketDotNet(LinkLayers linkType, ReadOnlySpan<byte> frame, ref DecodedPacket packet)
    {
        if (!IsSupported(linkType))
        {
            return DecodeStatus.UnsupportedLinkType;
        }

        try
        {
            var bytes = frame.ToArray();
            var parsed = Packet.ParsePacket(linkType, bytes);
            if (parsed.Extract<EthernetPacket>() is { } ethernet)
            {
                return DecodeEthernet(frame[ethernet.BytesSegment.Offset..], ref packet);
            }

            if (parsed.Extract<IPPacket>() is { } ip)
            {
                return DecodeIp(frame, ip.BytesSegment.Offset, ref packet);
            }

            return DecodeStatus.NotIp;
        }
        catch (Exception ex) when (ex is ArgumentException or IndexOutOfRangeException or InvalidOperationException or NotImplementedException)
        {
            return Malformed(ref packet, "link-layer");
        }
    }

    /// <summary>Decodes the IP packet that starts at <paramref name="offset"/> and its TCP/UDP header.</summary>
    public static DecodeStatus DecodeIp(ReadOnlySpan<byte> frame, int offset, ref DecodedPacket packet)
    {
        if (frame.Length <= offset)
        {
            return Malformed(ref packet, "ip-truncated");
        }

        packet.IpOffset = offset;
        var version = frame[offset] >> 4;
        return version switch
        {
            4 => DecodeIpv4(frame, offset, ref packet),
            6 => DecodeIpv6(frame, offset, ref packet),
            _ => Malformed(ref packet, "ip-bad-version"),
        };
    }

    private static DecodeStatus DecodeIpv4(ReadOnlySpan<byte> frame, int offset, ref DecodedPacket packet)
    {
        var ip = frame[offset..];
        if (ip.Length < 20)
        {
            return Malformed(ref packet, "ipv4-truncated");
        }

        var headerLength = (ip[0] & 0x0F) * 4;
        var totalLength = BinaryPrimitives.ReadUInt16BigEndian(ip[2..]);
        if (headerLength < 20 || ip.Length < headerLength)
        {
            return Malformed(ref packet, "ipv4-bad-header-length");
        }

        if (totalLength < headerLength)
        {
            // TSO captures write 0 here; anything else shorter than the header is broken.
            if (totalLength != 0)
            {
                return Malformed(ref packet, "ipv4-bad-total-length");
            }

            totalLength = (ushort)Math.Min(ip.Length, ushort.MaxValue);
        }

        packet.Source = IpAddressBytes.FromV4(ip[12..]);
        packet.Destination = IpAddressBytes.FromV4(ip[16..]);
        packet.Protocol = ip[9];
        packet.IpLength = Math.Min(totalLength, ip.Length);
        packet.IsSnapTruncated = totalLength > ip.Length;
        var flagsAndOffset = BinaryPrimitives.ReadUInt16BigEndian(ip[6..]);
        if ((flagsAndOffset & 0x3FFF) != 0)
        {
            // A first fragment still carries the transport header: decode it so the flow is known even if
            // the datagram never completes (tshark and Zeek count such flows too).
            if ((flagsAndOffset & 0x1FFF) == 0)
            {
                var inner = packet;
                var transport = DecodeTransport(frame, offset + headerLength, totalLength - headerLength, offset + packet.IpLength, ref inner);
                if (transport == DecodeStatus.Ok)
                {
                    packet = inner;
                    packet.IsFirstFragment = true;
                }
            }

            return DecodeStatus.Fragment;
        }

        return DecodeTransport(frame, offset + headerLength, totalLength - headerLength, offset + packet.IpLength, ref packet);
    }

    private static DecodeStatus DecodeIpv6(ReadOnlySpan<byte> frame, int offset, ref DecodedPacket packet)
    {
        var ip = frame[offset..];
        if (ip.Length < 40)
        {
            return Malformed(ref packet, "ipv6-truncated");
        }

        var payloadLength = BinaryPrimitives.ReadUInt16BigEndian(ip[4..]);
        packet.Source = IpAddressBytes.FromV6(ip[8..]);
        packet.Destination = IpAddressBytes.FromV6(ip[24..]);
        packet.IpLength = Math.Min(40 + payloadLength, ip.Length);
        var next = ip[6];
        var position = 40;
        for (var hops = 0; hops < 8; hops++)
        {
            switch (next)
            {
                case 0 or 43 or 60: // hop-by-hop, routing, destination options
                    if (ip.Length < position + 8)
                    {
                        return Malformed(ref packet, "ipv6-ext-truncated");
                    }

                    next = ip[position];
                    position += (ip[position + 1] + 1) * 8;
                    continue;
                case 51: // AH
                    if (ip.Length < position + 8)
                    {
                        return Malformed(ref packet, "ipv6-ext-truncated");
                    }

                    next = ip[position];
                    position += (ip[position + 1] + 2) * 4;
                    continue;
                case 44:
                    packet.Protocol = 44;
                    return DecodeStatus.Fragment;
            }

            break;
        }

        if (position > 40 + payloadLength && payloadLength != 0)
        {
            return Malformed(ref packet, "ipv6-ext-overrun");
        }

        packet.Protocol = next;
        var transportLength = payloadLength == 0 ? ip.Length - position : 40 + payloadLength - position;
        return DecodeTransport(frame, offset + position, transportLength, offset + packet.IpLength, ref packet);
    }

    private static DecodeStatus DecodeTransport(ReadOnlySpan<byte> frame, int offset, int wireLength, int capturedEnd, ref DecodedPacket packet)
    {
        if (offset > frame.Length || wireLength < 0)
        {
            return Malformed(ref packet, "ip-header-overrun");
        }

        var available = Math.Min(capturedEnd, frame.Length) - offset;
        switch (packet.Protocol)
        {
            case 6:
                if (available < 20)
                {
                    return Malformed(ref packet, "tcp-truncated");
                }

                var tcp = frame[offset..];
                var dataOffset = (tcp[12] >> 4) * 4;
                if (dataOffset < 20 || dataOffset > available || dataOffset > wireLength)
                {
                    return Malformed(ref packet, "tcp-bad-data-offset");
                }

                packet.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(tcp);
                packet.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(tcp[2..]);
                packet.Sequence = BinaryPrimitives.ReadUInt32BigEndian(tcp[4..]);
                packet.Acknowledgment = BinaryPrimitives.ReadUInt32BigEndian(tcp[8..]);
                packet.TcpFlags = tcp[13];
                packet.PayloadOffset = offset + dataOffset;
                packet.PayloadLength = available - dataOffset;
                packet.WirePayloadLength = Math.Max(wireLength - dataOffset, packet.PayloadLength);
                return DecodeStatus.Ok;
            case 17:
                if (available < 8)
                {
                    return Malformed(ref packet, "udp-truncated");
                }

                var udp = frame[offset..];
                packet.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(udp);
                packet.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(udp[2..]);
                var udpLength = BinaryPrimitives.ReadUInt16BigEndian(udp[4..]);
                if (udpLength != 0 && udpLength < 8)
                {
                    return Malformed(ref packet, "udp-bad-length");
                }

                var udpPayload = (udpLength == 0 ? wireLength : udpLength) - 8;
                packet.PayloadOffset = offset + 8;
                packet.PayloadLength = Math.Max(0, Math.Min(udpPayload, available - 8));
                packet.WirePayloadLength = Math.Max(udpPayload, packet.PayloadLength);
                return DecodeStatus.Ok;
            case 1 or 58:
                if (available >= 2)
                {
                    packet.SourcePort = frame[offset];
                    packet.DestinationPort = frame[offset + 1];
                }

                packet.PayloadOffset = offset;
                packet.PayloadLength = Math.Max(0, available);
                packet.WirePayloadLength = Math.Max(0, wireLength);
                return DecodeStatus.Ok;
            default:
                packet.PayloadOffset = offset;
                packet.PayloadLength = Math.Max(0, available);
                packet.WirePayloadLength = Math.Max(0, wireLength);
                return DecodeStatus.Ok;
        }
    }

    private static DecodeStatus Malformed(ref DecodedPacket packet, string anomaly)
    {
        packet.Anomaly = anomaly;
        return DecodeStatus.Malformed;
    }
}
