using System.Buffers.Binary;
using System.Net;

namespace DeviceWatch.Capture.Tests.Reassembly;

/// <summary>Builds real IPv6 packets and their fragments (RFC 8200 section 4.5) for tests.</summary>
internal static class Ipv6Packets
{
    public static readonly byte[] Source = IPAddress.Parse("2001:db8::1").GetAddressBytes();
    public static readonly byte[] Destination = IPAddress.Parse("2001:db8::2").GetAddressBytes();

    /// <summary>A whole packet: fixed header, an optional 8-byte Hop-by-Hop Options header, then <paramref name="payload"/>.</summary>
    public static byte[] Packet(ReadOnlySpan<byte> payload, byte protocol = 17, bool hopByHop = false, byte[]? source = null)
    {
        int extension = hopByHop ? 8 : 0;
        var packet = new byte[40 + extension + payload.Length];
        packet[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), (ushort)(packet.Length - 40));
        packet[7] = 64;
        (source ?? Source).CopyTo(packet, 8);
        Destination.CopyTo(packet, 24);
        if (hopByHop)
        {
            packet[6] = 0;        // Hop-by-Hop Options
            packet[40] = protocol;
            packet[41] = 0;       // 8 bytes
            packet[42] = 1;       // PadN option of 4 bytes
            packet[43] = 4;
        }
        else
        {
            packet[6] = protocol;
        }

        payload.CopyTo(packet.AsSpan(40 + extension));
        return packet;
    }

    /// <summary>Length of the unfragmentable part: the fixed header and a Hop-by-Hop header if present.</summary>
    public static int UnfragmentableLength(byte[] packet) => packet[6] == 0 ? 40 + (packet[41] + 1) * 8 : 40;

    /// <summary>
    /// The fragment of <paramref name="packet"/> carrying fragmentable bytes [offset, offset + length) — or
    /// <paramref name="data"/> instead — with M set unless it reaches the end (or as <paramref name="more"/> says).
    /// </summary>
    public static byte[] Fragment(byte[] packet, int offset, int length, uint id, bool? more = null, byte[]? data = null)
    {
        int unfragmentable = UnfragmentableLength(packet);
        bool moreFragments = more ?? offset + length < packet.Length - unfragmentable;
        var fragment = new byte[unfragmentable + 8 + length];
        packet.AsSpan(0, unfragmentable).CopyTo(fragment);
        int nextHeaderField = unfragmentable == 40 ? 6 : 40;
        fragment[unfragmentable] = packet[nextHeaderField];
        fragment[nextHeaderField] = 44;
        BinaryPrimitives.WriteUInt16BigEndian(fragment.AsSpan(unfragmentable + 2), (ushort)(offset | (moreFragments ? 1 : 0)));
        BinaryPrimitives.WriteUInt32BigEndian(fragment.AsSpan(unfragmentable + 4), id);
        (data ?? packet.AsSpan(unfragmentable + offset, length).ToArray()).CopyTo(fragment, unfragmentable + 8);
        BinaryPrimitives.WriteUInt16BigEndian(fragment.AsSpan(4), (ushort)(fragment.Length - 40));
        return fragment;
    }

    /// <summary>Cuts the fragmentable part into consecutive fragments of the given sizes; the last takes the rest.</summary>
    public static byte[][] Split(byte[] packet, uint id, params int[] sizes)
    {
        int fragmentable = packet.Length - UnfragmentableLength(packet);
        var fragments = new List<byte[]>();
        int offset = 0;
        foreach (int size in sizes)
        {
            fragments.Add(Fragment(packet, offset, size, id));
            offset += size;
        }

        fragments.Add(Fragment(packet, offset, fragmentable - offset, id));
        return [.. fragments];
    }
}
