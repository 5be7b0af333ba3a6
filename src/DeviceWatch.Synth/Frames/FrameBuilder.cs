using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace DeviceWatch.Synth.Frames;

/// <summary>
/// Builds Ethernet II frames (optionally 802.1Q tagged) carrying IPv4 or IPv6 with UDP or TCP, all checksums
/// correct. The <c>Write…</c> methods fill a caller's span and allocate nothing.
/// </summary>
public static class FrameBuilder
{
    /// <summary>EtherType of IPv4.</summary>
    public const ushort EtherTypeIpv4 = 0x0800;

    /// <summary>EtherType of IPv6.</summary>
    public const ushort EtherTypeIpv6 = 0x86DD;

    /// <summary>EtherType of an 802.1Q tag.</summary>
    public const ushort EtherTypeVlan = 0x8100;

    private const byte ProtocolTcp = 6;
    private const byte ProtocolUdp = 17;

    /// <summary>Length of a UDP frame with <paramref name="payloadLength"/> payload bytes.</summary>
    public static int UdpFrameLength(IPAddress source, int payloadLength, FrameOptions? options = null) =>
        LinkLength(options ?? FrameOptions.Default) + IpHeaderLength(source) + 8 + payloadLength;

    /// <summary>Length of a TCP frame with the given header options and payload length.</summary>
    public static int TcpFrameLength(IPAddress source, TcpHeader header, int payloadLength, FrameOptions? options = null) =>
        LinkLength(options ?? FrameOptions.Default) + IpHeaderLength(source) + TcpHeaderLength(header) + payloadLength;

    /// <summary>Builds a UDP frame from <paramref name="source"/> to <paramref name="destination"/>.</summary>
    public static byte[] Udp(NetworkEndpoint source, NetworkEndpoint destination, ReadOnlySpan<byte> payload, FrameOptions? options = null)
    {
        var frame = new byte[UdpFrameLength(source.Address, payload.Length, options)];
        WriteUdp(frame, source, destination, payload, options);
        return frame;
    }

    /// <summary>Builds a TCP segment frame from <paramref name="source"/> to <paramref name="destination"/>.</summary>
    public static byte[] Tcp(NetworkEndpoint source, NetworkEndpoint destination, TcpHeader header, ReadOnlySpan<byte> payload, FrameOptions? options = null)
    {
        var frame = new byte[TcpFrameLength(source.Address, header, payload.Length, options)];
        WriteTcp(frame, source, destination, header, payload, options);
        return frame;
    }

    /// <summary>Writes a UDP frame into <paramref name="destination"/> and returns its length.</summary>
    public static int WriteUdp(Span<byte> destination, NetworkEndpoint source, NetworkEndpoint target, ReadOnlySpan<byte> payload, FrameOptions? options = null)
    {
        options ??= FrameOptions.Default;
        var udpLength = 8 + payload.Length;
        var at = WriteLinkAndIp(destination, source, target, ProtocolUdp, udpLength, options);
        var udp = destination.Slice(at, udpLength);
        BinaryPrimitives.WriteUInt16BigEndian(udp, source.Port);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], target.Port);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)udpLength);
        BinaryPrimitives.WriteUInt16BigEndian(udp[6..], 0);
        payload.CopyTo(udp[8..]);
        var checksum = InternetChecksum.Finish(InternetChecksum.Add(PseudoHeaderSum(source.Address, target.Address, ProtocolUdp, udpLength), udp));
        BinaryPrimitives.WriteUInt16BigEndian(udp[6..], checksum == 0 ? (ushort)0xFFFF : checksum);
        return at + udpLength;
    }

    /// <summary>Writes a TCP segment frame into <paramref name="destination"/> and returns its length.</summary>
    public static int WriteTcp(Span<byte> destination, NetworkEndpoint source, NetworkEndpoint target, TcpHeader header, ReadOnlySpan<byte> payload, FrameOptions? options = null)
    {
        options ??= FrameOptions.Default;
        var headerLength = TcpHeaderLength(header);
        var tcpLength = headerLength + payload.Length;
        var at = WriteLinkAndIp(destination, source, target, ProtocolTcp, tcpLength, options);
        var tcp = destination.Slice(at, tcpLength);
        BinaryPrimitives.WriteUInt16BigEndian(tcp, source.Port);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[2..], target.Port);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[4..], header.Sequence);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[8..], header.Acknowledgment);
        tcp[12] = (byte)((headerLength / 4) << 4);
        tcp[13] = (byte)header.Flags;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[14..], header.Window);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[16..], 0); // checksum, urgent pointer
        var optionBytes = tcp[20..headerLength];
        optionBytes.Clear(); // EOL padding
        header.Options?.CopyTo(optionBytes);
        payload.CopyTo(tcp[headerLength..]);
        var checksum = InternetChecksum.Finish(InternetChecksum.Add(PseudoHeaderSum(source.Address, target.Address, ProtocolTcp, tcpLength), tcp));
        BinaryPrimitives.WriteUInt16BigEndian(tcp[16..], checksum);
        return at + tcpLength;
    }

    /// <summary>
    /// Splits the IPv4 datagram in an Ethernet <paramref name="frame"/> into <paramref name="fragmentCount"/>
    /// fragments (offsets in 8-byte units, MF on all but the last, header checksums recomputed).
    /// </summary>
    public static IReadOnlyList<byte[]> FragmentIpv4(ReadOnlySpan<byte> frame, int fragmentCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fragmentCount, 1);
        var linkLength = frame.Length >= 14 && BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) == EtherTypeVlan ? 18 : 14;
        if (frame.Length < linkLength + 20 || BinaryPrimitives.ReadUInt16BigEndian(frame[(linkLength - 2)..]) != EtherTypeIpv4)
        {
            throw new ArgumentException("The frame does not carry IPv4.", nameof(frame));
        }

        var ip = frame[linkLength..];
        var headerLength = (ip[0] & 0x0F) * 4;
        var totalLength = BinaryPrimitives.ReadUInt16BigEndian(ip[2..]);
        var payload = ip[headerLength..totalLength];
        var chunk = ((payload.Length + fragmentCount - 1) / fragmentCount + 7) & ~7;
        if (fragmentCount > 1 && chunk * (fragmentCount - 1) >= payload.Length)
        {
            throw new ArgumentException($"A {payload.Length}-byte payload cannot be split into {fragmentCount} fragments.", nameof(fragmentCount));
        }

        var fragments = new List<byte[]>(fragmentCount);
        for (var offset = 0; offset < payload.Length; offset += chunk)
        {
            var length = Math.Min(chunk, payload.Length - offset);
            var last = offset + length >= payload.Length;
            var fragment = new byte[linkLength + headerLength + length];
            frame[..(linkLength + headerLength)].CopyTo(fragment);
            payload.Slice(offset, length).CopyTo(fragment.AsSpan(linkLength + headerLength));
            var header = fragment.AsSpan(linkLength, headerLength);
            BinaryPrimitives.WriteUInt16BigEndian(header[2..], (ushort)(headerLength + length));
            BinaryPrimitives.WriteUInt16BigEndian(header[6..], (ushort)((last ? 0 : 0x2000) | (offset / 8)));
            BinaryPrimitives.WriteUInt16BigEndian(header[10..], 0);
            BinaryPrimitives.WriteUInt16BigEndian(header[10..], InternetChecksum.Compute(header));
            fragments.Add(fragment);
        }

        return fragments;
    }

    internal static int LinkLength(FrameOptions options) => options.VlanId is null ? 14 : 18;

    internal static int IpHeaderLength(IPAddress address) => address.AddressFamily == AddressFamily.InterNetworkV6 ? 40 : 20;

    internal static int TcpHeaderLength(TcpHeader header)
    {
        var optionLength = header.Options is null ? 0 : (header.Options.Length + 3) & ~3;
        if (optionLength > 40)
        {
            throw new ArgumentException("TCP options exceed 40 bytes.", nameof(header));
        }

        return 20 + optionLength;
    }

    /// <summary>The one's-complement sum of the IPv4 or IPv6 pseudo-header.</summary>
    internal static ulong PseudoHeaderSum(IPAddress source, IPAddress destination, byte protocol, int length)
    {
        Span<byte> bytes = stackalloc byte[16];
        ulong sum = 0;
        source.TryWriteBytes(bytes, out var written);
        sum = InternetChecksum.Add(sum, bytes[..written]);
        destination.TryWriteBytes(bytes, out written);
        sum = InternetChecksum.Add(sum, bytes[..written]);
        return sum + protocol + (ulong)length;
    }

    private static int WriteLinkAndIp(Span<byte> destination, NetworkEndpoint source, NetworkEndpoint target, byte protocol, int payloadLength, FrameOptions options)
    {
        if (source.Address.AddressFamily != target.Address.AddressFamily)
        {
            throw new ArgumentException("Source and destination addresses must be of the same family.", nameof(target));
        }

        var v6 = source.Address.AddressFamily == AddressFamily.InterNetworkV6;
        target.Mac.WriteTo(destination);
        source.Mac.WriteTo(destination[6..]);
        var at = 12;
        if (options.VlanId is { } vlan)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(vlan, (ushort)4094);
            BinaryPrimitives.WriteUInt16BigEndian(destination[at..], EtherTypeVlan);
            BinaryPrimitives.WriteUInt16BigEndian(destination[(at + 2)..], (ushort)((options.VlanPriority & 7) << 13 | vlan));
            at += 4;
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination[at..], v6 ? EtherTypeIpv6 : EtherTypeIpv4);
        at += 2;
        var ip = destination[at..];
        if (v6)
        {
            BinaryPrimitives.WriteUInt32BigEndian(ip, 0x6000_0000u | ((uint)options.TrafficClass << 20) | (options.FlowLabel & 0xFFFFF));
            BinaryPrimitives.WriteUInt16BigEndian(ip[4..], checked((ushort)payloadLength));
            ip[6] = protocol;
            ip[7] = options.TimeToLive;
            source.Address.TryWriteBytes(ip[8..], out _);
            target.Address.TryWriteBytes(ip[24..], out _);
            return at + 40;
        }

        ip[0] = 0x45;
        ip[1] = options.TrafficClass;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], checked((ushort)(20 + payloadLength)));
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], options.IpIdentification);
        BinaryPrimitives.WriteUInt16BigEndian(ip[6..], options.DontFragment ? (ushort)0x4000 : (ushort)0);
        ip[8] = options.TimeToLive;
        ip[9] = protocol;
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], 0);
        source.Address.TryWriteBytes(ip[12..], out _);
        target.Address.TryWriteBytes(ip[16..], out _);
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], InternetChecksum.Compute(ip[..20]));
        return at + 20;
    }
}
