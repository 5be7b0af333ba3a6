using System.Buffers.Binary;
using DeviceWatch.Synth.Writing;

namespace DeviceWatch.Capture.Tests.Writing;

public sealed class PcapNgFileWriterTests
{
    private static readonly DateTime Time = new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc).AddTicks(1_234_567);

    [Fact]
    public void Write_OneFrame_ProducesSectionInterfaceAndPacketBlocks()
    {
        using var stream = new MemoryStream();
        using (var writer = new PcapNgFileWriter(stream, LinkType.Ethernet, TimestampResolution.Nanosecond, 2000, "lan0", leaveOpen: true, application: null))
        {
            writer.Write(Time, new byte[] { 1, 2, 3, 4, 5 });
        }

        var bytes = stream.ToArray();
        // SHB without options: 28 bytes.
        Assert.Equal(0x0A0D0D0Au, BinaryPrimitives.ReadUInt32LittleEndian(bytes));
        Assert.Equal(28, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(4)));
        Assert.Equal(-1L, BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(16)));
        // IDB: 16 fixed + if_name "lan0" (8) + if_tsresol (8) + end (4) + trailer 4 = 40.
        var idb = bytes.AsSpan(28);
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32LittleEndian(idb));
        Assert.Equal(40, BinaryPrimitives.ReadInt32LittleEndian(idb[4..]));
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(idb[8..]));
        Assert.Equal(2000, BinaryPrimitives.ReadInt32LittleEndian(idb[12..]));
        Assert.Equal([2, 0, 4, 0, (byte)'l', (byte)'a', (byte)'n', (byte)'0', 9, 0, 1, 0, 9, 0, 0, 0, 0, 0, 0, 0], idb[16..36].ToArray());
        // EPB: 28 fixed + 8 padded data + 4 trailer.
        var epb = bytes.AsSpan(68);
        Assert.Equal(6u, BinaryPrimitives.ReadUInt32LittleEndian(epb));
        Assert.Equal(40, BinaryPrimitives.ReadInt32LittleEndian(epb[4..]));
        var nanoseconds = (ulong)(Time - DateTime.UnixEpoch).Ticks * 100;
        Assert.Equal((uint)(nanoseconds >> 32), BinaryPrimitives.ReadUInt32LittleEndian(epb[12..]));
        Assert.Equal((uint)nanoseconds, BinaryPrimitives.ReadUInt32LittleEndian(epb[16..]));
        Assert.Equal(5, BinaryPrimitives.ReadInt32LittleEndian(epb[20..]));
        Assert.Equal(5, BinaryPrimitives.ReadInt32LittleEndian(epb[24..]));
        Assert.Equal([1, 2, 3, 4, 5, 0, 0, 0], epb[28..36].ToArray());
        Assert.Equal(40, BinaryPrimitives.ReadInt32LittleEndian(epb[36..]));
        Assert.Equal(108, bytes.Length);
    }

    [Fact]
    public void Write_SnapLengthPerInterface_TruncatesOnlyThatInterface()
    {
        using var stream = new MemoryStream();
        using (var writer = new PcapNgFileWriter(stream, snapLength: 60, leaveOpen: true))
        {
            var raw = writer.AddInterface(LinkType.RawIp, TimestampResolution.Microsecond);
            writer.Write(Time, new byte[100]);
            writer.Write(raw, Time, new byte[100]);
        }

        var capture = CaptureFileReader.Read(stream.ToArray());
        Assert.Equal([(ushort)1, (ushort)101], capture.Interfaces.Select(i => i.LinkType));
        Assert.Equal([9, 6], capture.Interfaces.Select(i => i.Resolution));
        Assert.Equal([(0, 60, 100), (1, 100, 100)], capture.Packets.Select(p => (p.InterfaceId, p.Data.Length, p.OriginalLength)));
    }

    [Fact]
    public void Write_UnknownInterface_Throws()
    {
        using var writer = new PcapNgFileWriter(new MemoryStream());
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Write(1, Time, new byte[1]));
    }
}
