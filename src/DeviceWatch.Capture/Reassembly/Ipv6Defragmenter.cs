using System.Buffers.Binary;

namespace DeviceWatch.Capture.Reassembly;

/// <summary>
/// Reassembles IPv6 packets fragmented with the Fragment extension header (RFC 8200 section 4.5). Fragments are
/// grouped by source, destination and identification; the first copy of each byte wins (RFC 5722 would discard
/// overlapping datagrams; a monitor keeps what was sent and counts the overlap). Bounded like
/// <see cref="Ipv4Defragmenter"/>: pending datagrams, reassembled size, timeout on packet timestamps.
/// </summary>
internal sealed class Ipv6Defragmenter : Defragmenter<Ipv6FragmentKey>
{
    /// <summary>The largest IPv6 packet without a jumbo payload: 40-byte header plus 65535 payload bytes.</summary>
    public const int MaxPacketBytes = FixedHeaderLength + ushort.MaxValue;

    private const int FixedHeaderLength = 40;
    private const int FragmentHeaderLength = 8;
    private const byte HopByHop = 0;
    private const byte Routing = 43;
    private const byte Fragment = 44;
    private const byte AuthenticationHeader = 51;
    private const byte DestinationOptions = 60;

    private readonly int _maxDatagramBytes;

    /// <summary>
    /// Creates a bounded defragmenter; <paramref name="maxDatagramBytes"/> bounds the whole reassembled packet
    /// (fixed header included) and cannot exceed <see cref="MaxPacketBytes"/>.
    /// </summary>
    public Ipv6Defragmenter(int maxPendingDatagrams = 1024, int maxDatagramBytes = MaxPacketBytes, TimeSpan? timeout = null)
        : base(maxPendingDatagrams, timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDatagramBytes, FixedHeaderLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxDatagramBytes, MaxPacketBytes);
        _maxDatagramBytes = maxDatagramBytes;
    }

    /// <summary>
    /// Adds one fragment: <paramref name="ipv6Packet"/> is the whole IPv6 packet holding a Fragment header
    /// (possibly after Hop-by-Hop, Routing or Destination Options headers). Returns the reassembled packet —
    /// the offset-0 fragment's headers without the Fragment header, the preceding Next Header set to the
    /// fragmented protocol, Payload Length fixed — when complete, else null. An atomic fragment (offset 0, M
    /// clear) is returned at once; a packet without a Fragment header is returned as a copy. Bytes after the
    /// Payload Length are ignored.
    /// </summary>
    public byte[]? Add(ReadOnlySpan<byte> ipv6Packet, DateTime timestamp)
    {
        // 1. Parse the fixed header and walk the unfragmentable extension headers to the Fragment header.
        if (ipv6Packet.Length < FixedHeaderLength || ipv6Packet[0] >> 4 != 6)
        {
            Malformed++;
            return null;
        }

        int payloadLength = BinaryPrimitives.ReadUInt16BigEndian(ipv6Packet[4..]);
        if (payloadLength == 0 || FixedHeaderLength + payloadLength > ipv6Packet.Length)
        {
            Malformed++; // a jumbogram (payload length 0) cannot be fragmented
            return null;
        }

        ReadOnlySpan<byte> packet = ipv6Packet[..(FixedHeaderLength + payloadLength)];
        switch (FindFragmentHeader(packet, out int nextHeaderField, out int position))
        {
            case HeaderSearch.NotFragmented:
                return packet.ToArray();
            case HeaderSearch.Malformed:
                Malformed++;
                return null;
        }

        ReadOnlySpan<byte> fragmentHeader = packet.Slice(position, FragmentHeaderLength);
        byte fragmentedProtocol = fragmentHeader[0];
        ushort offsetAndFlags = BinaryPrimitives.ReadUInt16BigEndian(fragmentHeader[2..]);
        int offset = offsetAndFlags & 0xFFF8;
        bool moreFragments = (offsetAndFlags & 1) != 0;
        ReadOnlySpan<byte> unfragmentable = packet[..position];
        ReadOnlySpan<byte> payload = packet[(position + FragmentHeaderLength)..];

        // 2. An atomic fragment is a whole packet (RFC 6946); otherwise collect the fragment.
        if (offset == 0 && !moreFragments)
        {
            Table.CountCompleted();
            return Build(unfragmentable, nextHeaderField, fragmentedProtocol, payload);
        }

        if (moreFragments && (payload.IsEmpty || payload.Length % 8 != 0))
        {
            Malformed++;
            return null;
        }

        var key = new Ipv6FragmentKey(
            BinaryPrimitives.ReadUInt128BigEndian(packet[8..]),
            BinaryPrimitives.ReadUInt128BigEndian(packet[24..]),
            BinaryPrimitives.ReadUInt32BigEndian(fragmentHeader[4..]));
        FragmentedDatagram? datagram = Table.Add(
            key, timestamp, offset, payload, moreFragments, packet[..(position + FragmentHeaderLength)], _maxDatagramBytes - position);
        if (datagram is null)
        {
            return null;
        }

        // 3. Build from the headers of the offset-0 fragment (kept up to and including its Fragment header,
        //    which names the fragmented protocol).
        byte[] first = datagram.Header!;
        FindFragmentHeader(first, out int firstNextHeaderField, out int firstPosition);
        if (firstPosition + datagram.Payload.Length > _maxDatagramBytes)
        {
            Table.Reject(datagram);
            return null;
        }

        byte[] result = Build(first.AsSpan(0, firstPosition), firstNextHeaderField, first[firstPosition], datagram.Payload);
        datagram.Release();
        return result;
    }

    /// <summary>Walks the extension headers before the Fragment header (RFC 8200 section 4.1 order).</summary>
    private static HeaderSearch FindFragmentHeader(ReadOnlySpan<byte> packet, out int nextHeaderField, out int position)
    {
        nextHeaderField = 6;
        position = FixedHeaderLength;
        while (packet[nextHeaderField] != Fragment)
        {
            byte next = packet[nextHeaderField];
            if (next is not (HopByHop or Routing or DestinationOptions or AuthenticationHeader))
            {
                return HeaderSearch.NotFragmented;
            }

            if (position + 2 > packet.Length)
            {
                return HeaderSearch.Malformed;
            }

            nextHeaderField = position;
            position += next == AuthenticationHeader ? (packet[position + 1] + 2) * 4 : (packet[position + 1] + 1) * 8;
        }

        return position + FragmentHeaderLength <= packet.Length ? HeaderSearch.Found : HeaderSearch.Malformed;
    }

    private static byte[] Build(ReadOnlySpan<byte> headers, int nextHeaderField, byte protocol, ReadOnlySpan<byte> payload)
    {
        var result = new byte[headers.Length + payload.Length];
        headers.CopyTo(result);
        payload.CopyTo(result.AsSpan(headers.Length));
        result[nextHeaderField] = protocol;
        BinaryPrimitives.WriteUInt16BigEndian(result.AsSpan(4), (ushort)(result.Length - FixedHeaderLength));
        return result;
    }
}
