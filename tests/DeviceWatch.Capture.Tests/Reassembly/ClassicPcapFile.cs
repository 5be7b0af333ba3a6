using System.Buffers.Binary;

namespace DeviceWatch.Capture.Tests.Reassembly;

/// <summary>
/// Reads a classic pcap file (24-byte file header, 16-byte record headers; either byte order, micro- or
/// nanosecond timestamps) of Ethernet frames, for tests.
/// </summary>
internal static class ClassicPcapFile
{
    private const int EthernetLinkType = 1;

    /// <summary>Every frame's network-layer bytes (after Ethernet and any VLAN tags) with its EtherType and timestamp.</summary>
    public static List<(DateTime Timestamp, ushort EtherType, byte[] Packet)> ReadNetworkPackets(string path)
    {
        byte[] file = File.ReadAllBytes(path);
        Assert.True(file.Length >= 24, "pcap file header missing");
        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(file);
        bool littleEndian = magic is 0xA1B2C3D4 or 0xA1B23C4D;
        bool bigEndian = magic is 0xD4C3B2A1 or 0x4D3CB2A1;
        Assert.True(littleEndian || bigEndian, $"not a classic pcap file: magic {magic:x8}");
        bool nanoseconds = magic is 0xA1B23C4D or 0x4D3CB2A1;
        Assert.Equal(EthernetLinkType, (int)Read32(file.AsSpan(20), littleEndian));

        var packets = new List<(DateTime, ushort, byte[])>();
        int position = 24;
        while (position + 16 <= file.Length)
        {
            ReadOnlySpan<byte> record = file.AsSpan(position, 16);
            long seconds = Read32(record, littleEndian);
            long fraction = Read32(record[4..], littleEndian);
            int capturedLength = (int)Read32(record[8..], littleEndian);
            position += 16;
            Assert.True(position + capturedLength <= file.Length, "truncated pcap record");
            ReadOnlySpan<byte> frame = file.AsSpan(position, capturedLength);
            position += capturedLength;

            DateTime timestamp = DateTime.UnixEpoch.AddSeconds(seconds).AddTicks(nanoseconds ? fraction / 100 : fraction * 10);
            int header = 14;
            ushort etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[12..]);
            while (etherType is 0x8100 or 0x88A8)
            {
                etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[(header + 2)..]);
                header += 4;
            }

            packets.Add((timestamp, etherType, frame[header..].ToArray()));
        }

        return packets;
    }

    private static uint Read32(ReadOnlySpan<byte> bytes, bool littleEndian) =>
        littleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(bytes) : BinaryPrimitives.ReadUInt32BigEndian(bytes);
}
