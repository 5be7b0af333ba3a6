using System.Buffers.Binary;

namespace DeviceWatch.Capture.Tests.Decoding;

/// <summary>Builds link/IP/transport headers by hand for decoder tests.</summary>
internal static class FrameBuilder
{
    public static byte[] Ethernet(byte[] ip, ushort etherType = 0x0800, ushort? vlan = null)
    {
        var header = new List<byte> { 0x02, 0, 0x5e, 0x10, 0, 0x02, 0x02, 0, 0x5e, 0x10, 0, 0x01 };
        if (vlan is { } id)
        {
            header.AddRange([0x81, 0x00, (byte)(id >> 8), (byte)id]);
        }

        header.AddRange([(byte)(etherType >> 8), (byte)etherType]);
        return [.. header, .. ip];
    }

    public static byte[] Ipv4(byte protocol, byte[] transport, ushort flagsAndOffset = 0, ushort id = 1)
    {
        var ip = new byte[20 + transport.Length];
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(2), (ushort)ip.Length);
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(4), id);
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(6), flagsAndOffset);
        ip[8] = 64;
        ip[9] = protocol;
        ip[12] = 192; ip[13] = 168; ip[14] = 50; ip[15] = 10;
        ip[16] = 93; ip[17] = 184; ip[18] = 216; ip[19] = 34;
        transport.CopyTo(ip, 20);
        return ip;
    }

    public static byte[] Ipv6(byte nextHeader, byte[] payload, byte[]? extension = null, byte extensionNext = 6)
    {
        var ext = extension ?? [];
        var ip = new byte[40 + ext.Length + payload.Length];
        ip[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(4), (ushort)(ext.Length + payload.Length));
        ip[6] = nextHeader;
        ip[7] = 64;
        ip[8] = 0xfd; ip[23] = 1;
        ip[24] = 0x20; ip[25] = 0x01; ip[26] = 0x0d; ip[27] = 0xb8; ip[39] = 2;
        if (ext.Length > 0)
        {
            ext[0] = extensionNext;
            ext.CopyTo(ip, 40);
        }

        payload.CopyTo(ip, 40 + ext.Length);
        return ip;
    }

    public static byte[] Tcp(ushort source, ushort destination, uint sequence, byte flags, byte[] payload)
    {
        var tcp = new byte[20 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(tcp, source);
        BinaryPrimitives.WriteUInt16BigEndian(tcp.AsSpan(2), destination);
        BinaryPrimitives.WriteUInt32BigEndian(tcp.AsSpan(4), sequence);
        tcp[12] = 0x50;
        tcp[13] = flags;
        payload.CopyTo(tcp, 20);
        return tcp;
    }

    public static byte[] Udp(ushort source, ushort destination, byte[] payload)
    {
        var udp = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(udp, source);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(2), destination);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(4), (ushort)udp.Length);
        payload.CopyTo(udp, 8);
        return udp;
    }
}
