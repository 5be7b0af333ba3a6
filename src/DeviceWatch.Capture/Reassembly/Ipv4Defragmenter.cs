using System.Buffers.Binary;

namespace DeviceWatch.Capture.Reassembly;

/// <summary>
/// Reassembles fragmented IPv4 datagrams (RFC 791). Fragments are grouped by source, destination, protocol
/// and identification; the first copy of each byte wins. Bounded: at most <c>maxPendingDatagrams</c> datagrams
/// (the oldest is evicted), at most <c>maxDatagramBytes</c> per reassembled datagram, and a timeout counted
/// from the first fragment on packet timestamps (never the clock), expired lazily on <see cref="Add"/>.
/// Malformed packets are counted and ignored, never thrown on.
/// </summary>
internal sealed class Ipv4Defragmenter : Defragmenter<Ipv4FragmentKey>
{
    private const int MinHeaderLength = 20;
    private const ushort MoreFragmentsFlag = 0x2000;
    private const ushort OffsetMask = 0x1FFF;
    private const ushort FlagsKeptOnReassembly = 0xC000; // reserved bit and DF

    private readonly int _maxDatagramBytes;

    /// <summary>Creates a bounded defragmenter.</summary>
    public Ipv4Defragmenter(int maxPendingDatagrams = 1024, int maxDatagramBytes = 65535, TimeSpan? timeout = null)
        : base(maxPendingDatagrams, timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDatagramBytes, MinHeaderLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxDatagramBytes, ushort.MaxValue);
        _maxDatagramBytes = maxDatagramBytes;
    }

    /// <summary>
    /// Adds one fragment: <paramref name="ipv4Packet"/> is the whole IPv4 packet (header and payload) of a
    /// packet with MF set or a non-zero fragment offset. Returns the reassembled IPv4 packet (header with
    /// offset 0, MF clear, total length and checksum fixed) when the datagram is complete, else null.
    /// A packet that is not a fragment is returned as a copy; bytes after the IPv4 total length are ignored.
    /// </summary>
    public byte[]? Add(ReadOnlySpan<byte> ipv4Packet, DateTime timestamp)
    {
        // 1. Parse the header; anything malformed is counted and ignored.
        if (ipv4Packet.Length < MinHeaderLength || ipv4Packet[0] >> 4 != 4)
        {
            Malformed++;
            return null;
        }

        int headerLength = (ipv4Packet[0] & 0x0F) * 4;
        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(ipv4Packet[2..]);
        if (headerLength < MinHeaderLength || totalLength < headerLength || totalLength > ipv4Packet.Length)
        {
            Malformed++;
            return null;
        }

        ReadOnlySpan<byte> packet = ipv4Packet[..totalLength];
        ushort flagsAndOffset = BinaryPrimitives.ReadUInt16BigEndian(packet[6..]);
        bool moreFragments = (flagsAndOffset & MoreFragmentsFlag) != 0;
        int offset = (flagsAndOffset & OffsetMask) * 8;
        ReadOnlySpan<byte> header = packet[..headerLength];
        ReadOnlySpan<byte> payload = packet[headerLength..];
        if (!moreFragments && offset == 0)
        {
            return packet.ToArray();
        }

        // Every fragment but the last carries a multiple of 8 bytes (RFC 791).
        if (moreFragments && (payload.IsEmpty || payload.Length % 8 != 0))
        {
            Malformed++;
            return null;
        }

        // 2. Collect the fragment.
        var key = new Ipv4FragmentKey(
            BinaryPrimitives.ReadUInt32BigEndian(packet[12..]),
            BinaryPrimitives.ReadUInt32BigEndian(packet[16..]),
            packet[9],
            BinaryPrimitives.ReadUInt16BigEndian(packet[4..]));
        FragmentedDatagram? datagram = Table.Add(
            key, timestamp, offset, payload, moreFragments, header, _maxDatagramBytes - headerLength);
        if (datagram is null)
        {
            return null;
        }

        // 3. Build the datagram: the offset-0 fragment's header (with its options) and the whole payload.
        byte[] first = datagram.Header!;
        int length = first.Length + datagram.Payload.Length;
        if (length > _maxDatagramBytes)
        {
            Table.Reject(datagram);
            return null;
        }

        var result = new byte[length];
        first.CopyTo(result, 0);
        datagram.Payload.CopyTo(result.AsSpan(first.Length));
        datagram.Release();
        BinaryPrimitives.WriteUInt16BigEndian(result.AsSpan(2), (ushort)length);
        ushort flags = (ushort)(BinaryPrimitives.ReadUInt16BigEndian(result.AsSpan(6)) & FlagsKeptOnReassembly);
        BinaryPrimitives.WriteUInt16BigEndian(result.AsSpan(6), flags);
        BinaryPrimitives.WriteUInt16BigEndian(result.AsSpan(10), 0);
        BinaryPrimitives.WriteUInt16BigEndian(result.AsSpan(10), InternetChecksum.Compute(result.AsSpan(0, first.Length)));
        return result;
    }
}
