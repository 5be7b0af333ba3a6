using System.Buffers.Binary;

namespace DeviceWatch.Capture.Tests.Reassembly;

/// <summary>Builds real IPv4 datagrams and their fragments (RFC 791) for tests, with an independent checksum.</summary>
internal static class Ipv4Packets
{
    public const uint Source = 0xC0A8_0102;      // 192.168.1.2
    public const uint Destination = 0x0808_0808; // 8.8.8.8

    /// <summary>A whole datagram with a valid header checksum; <paramref name="options"/> must be a multiple of 4 bytes.</summary>
    public static byte[] Datagram(
        ReadOnlySpan<byte> payload,
        ushort id = 0x1234,
        byte protocol = 17,
        uint source = Source,
        uint destination = Destination,
        byte[]? options = null,
        bool dontFragment = false)
    {
        int headerLength = 20 + (options?.Length ?? 0);
        var packet = new byte[headerLength + payload.Length];
        packet[0] = (byte)(0x40 | (headerLength / 4));
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)packet.Length);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), id);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(6), (ushort)(dontFragment ? 0x4000 : 0));
        packet[8] = 64;
        packet[9] = protocol;
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(12), source);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(16), destination);
        options?.CopyTo(packet, 20);
        payload.CopyTo(packet.AsSpan(headerLength));
        SetChecksum(packet);
        return packet;
    }

    /// <summary>
    /// The fragment of <paramref name="datagram"/> carrying payload bytes [offset, offset + length) — or
    /// <paramref name="data"/> instead — with MF set unless it reaches the end (or as <paramref name="more"/> says).
    /// Options are carried only by the offset-0 fragment.
    /// </summary>
    public static byte[] Fragment(byte[] datagram, int offset, int length, bool? more = null, byte[]? data = null)
    {
        int headerLength = (datagram[0] & 0x0F) * 4;
        int payloadLength = datagram.Length - headerLength;
        bool moreFragments = more ?? offset + length < payloadLength;
        int fragmentHeaderLength = offset == 0 ? headerLength : 20;
        var fragment = new byte[fragmentHeaderLength + length];
        datagram.AsSpan(0, fragmentHeaderLength).CopyTo(fragment);
        fragment[0] = (byte)(0x40 | (fragmentHeaderLength / 4));
        (data ?? datagram.AsSpan(headerLength + offset, length).ToArray()).CopyTo(fragment, fragmentHeaderLength);
        BinaryPrimitives.WriteUInt16BigEndian(fragment.AsSpan(2), (ushort)fragment.Length);
        ushort flags = (ushort)(BinaryPrimitives.ReadUInt16BigEndian(datagram.AsSpan(6)) & 0x4000);
        BinaryPrimitives.WriteUInt16BigEndian(
            fragment.AsSpan(6), (ushort)(flags | (moreFragments ? 0x2000 : 0) | (offset / 8)));
        SetChecksum(fragment);
        return fragment;
    }

    /// <summary>Cuts the payload into consecutive fragments of the given sizes; the last fragment takes the rest.</summary>
    public static byte[][] Split(byte[] datagram, params int[] sizes)
    {
        int payloadLength = datagram.Length - (datagram[0] & 0x0F) * 4;
        var fragments = new List<byte[]>();
        int offset = 0;
        foreach (int size in sizes)
        {
            fragments.Add(Fragment(datagram, offset, size));
            offset += size;
        }

        fragments.Add(Fragment(datagram, offset, payloadLength - offset));
        return [.. fragments];
    }

    /// <summary>True when the header checksum verifies (the one's complement sum of the header is 0xFFFF).</summary>
    public static bool HeaderChecksumValid(byte[] packet) => Sum(packet.AsSpan(0, (packet[0] & 0x0F) * 4)) == 0xFFFF;

    private static void SetChecksum(byte[] packet)
    {
        int headerLength = (packet[0] & 0x0F) * 4;
        packet[10] = 0;
        packet[11] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(10), (ushort)~Sum(packet.AsSpan(0, headerLength)));
    }

    private static ushort Sum(ReadOnlySpan<byte> header)
    {
        uint sum = 0;
        for (int i = 0; i < header.Length; i += 2)
        {
            sum += (uint)(header[i] << 8 | header[i + 1]);
        }

        while (sum > 0xFFFF)
        {
            sum = (sum >> 16) + (sum & 0xFFFF);
        }

        return (ushort)sum;
    }
}
