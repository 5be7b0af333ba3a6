using System.Globalization;
using DeviceWatch.Capture.Reading;
using PacketDotNet;

namespace DeviceWatch.Capture.Tests.Reading;

public sealed class PcapNgReaderTests
{
    private const ulong Micros2017 = 1_500_000_000_000_000;
    private static readonly DateTime Time2017 = new(2017, 7, 14, 2, 40, 0, DateTimeKind.Utc);

    [Fact]
    public void TryReadNext_InterfacesWithDifferentLinkTypesAndSnapLengths_ReportsEachPacketsInterface()
    {
        var file = new PcapNgFileBuilder()
            .Section(bigEndian: false)
            .Interface(linkType: 1, snapLength: 65535)
            .Interface(linkType: 101, snapLength: 96)
            .Interface(linkType: 0, snapLength: 0)
            .Enhanced(0, Micros2017, Bytes(60, 1), originalLength: 60)
            .Enhanced(1, Micros2017 + 1, Bytes(40, 2), originalLength: 1500)
            .Enhanced(2, Micros2017 + 2, Bytes(33, 3))
            .ToArray();

        var outcome = PcapNgOutcome.Read(file);

        Assert.Null(outcome.Error);
        Assert.Equal([LinkLayers.Ethernet, LinkLayers.Raw, LinkLayers.Null], outcome.Packets.Select(p => p.LinkType));
        Assert.Equal([0, 1, 2], outcome.Packets.Select(p => p.InterfaceId));
        Assert.Equal([60, 1500, 33], outcome.Packets.Select(p => p.OriginalLength));
        Assert.Equal(Bytes(40, 2), outcome.Packets[1].Data);
        Assert.Equal(Bytes(33, 3), outcome.Packets[2].Data);
        Assert.Equal(Time2017.AddTicks(20), outcome.Packets[2].Timestamp);
    }

    [Fact]
    public void TryReadNext_SectionsOfMixedByteOrder_NumbersInterfacesAcrossSections()
    {
        var file = new PcapNgFileBuilder()
            .Section(bigEndian: false)
            .Interface(1, 0)
            .Interface(0, 0)
            .Enhanced(1, Micros2017, Bytes(10, 1))
            .Section(bigEndian: true)
            .Interface(228, 0, resolution: 9)
            .Enhanced(0, Micros2017 * 1000, Bytes(11, 2))
            .Simple(Bytes(12, 3))
            .Section(bigEndian: false)
            .Interface(1, 0)
            .Interface(101, 0)
            .Obsolete(1, Micros2017, Bytes(13, 4))
            .Enhanced(0, Micros2017, Bytes(14, 5))
            .ToArray();

        var outcome = PcapNgOutcome.Read(file);

        Assert.Null(outcome.Error);
        Assert.Equal([1, 2, 2, 4, 3], outcome.Packets.Select(p => p.InterfaceId));
        Assert.Equal([1, 0, 0, 1, 0], outcome.Packets.Select(p => p.SectionInterfaceId));
        Assert.Equal([LinkLayers.Null, LinkLayers.IPv4, LinkLayers.IPv4, LinkLayers.Raw, LinkLayers.Ethernet], outcome.Packets.Select(p => p.LinkType));
        Assert.Equal([10, 11, 12, 13, 14], outcome.Packets.Select(p => p.Data.Length));
        Assert.All(outcome.Packets, p => Assert.Equal(Time2017, p.Timestamp));
    }

    [Fact]
    public void TryReadNext_PacketInLaterSection_DoesNotSeeEarlierSectionsInterfaces()
    {
        var builder = new PcapNgFileBuilder()
            .Section(bigEndian: false)
            .Interface(1, 0)
            .Interface(1, 0)
            .Enhanced(1, Micros2017, Bytes(10, 1))
            .Section(bigEndian: true)
            .Interface(1, 0)
            .Enhanced(1, Micros2017, Bytes(10, 1));
        var file = builder.ToArray();

        var outcome = PcapNgOutcome.Read(file);

        Assert.Single(outcome.Packets);
        Assert.NotNull(outcome.Error);
        Assert.Equal(builder.Blocks[^1].Offset, outcome.Error.ByteOffset);
        Assert.Equal(2, outcome.Error.Record);
        Assert.Contains("interface 1", outcome.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1, 0L, Micros2017 + 123_456, "2017-07-14T02:40:00.1234560Z")]
    [InlineData(6, 0L, Micros2017 + 123_456, "2017-07-14T02:40:00.1234560Z")]
    [InlineData(9, 0L, Micros2017 * 1000 + 123_456_789, "2017-07-14T02:40:00.1234567Z")]
    [InlineData(3, 0L, 1_500_000_000_123UL, "2017-07-14T02:40:00.1230000Z")]
    [InlineData(0, 0L, 1_500_000_000UL, "2017-07-14T02:40:00.0000000Z")]
    [InlineData(7, 0L, 15_000_000_000_000_001UL, "2017-07-14T02:40:00.0000001Z")]
    [InlineData(19, 0L, 10_000_000_000_000_000_000UL, "1970-01-01T00:00:01.0000000Z")]
    [InlineData(0x80 | 10, 0L, 1_500_000_000UL * 1024 + 256, "2017-07-14T02:40:00.2500000Z")]
    [InlineData(0x80 | 30, 0L, (1_500_000_000UL << 30) + (1UL << 29), "2017-07-14T02:40:00.5000000Z")]
    [InlineData(0x80, 0L, 1_500_000_000UL, "2017-07-14T02:40:00.0000000Z")]
    [InlineData(0x80 | 63, 0L, 1UL << 63, "1970-01-01T00:00:01.0000000Z")]
    [InlineData(6, -3600L, Micros2017, "2017-07-14T01:40:00.0000000Z")]
    [InlineData(6, 1_500_000_000L, 500_000UL, "2017-07-14T02:40:00.5000000Z")]
    [InlineData(9, 86_400L, 0UL, "1970-01-02T00:00:00.0000000Z")]
    public void Timestamp_ResolutionAndOffset_ConvertsToUtc(int resolution, long offsetSeconds, ulong raw, string expected)
    {
        var file = new PcapNgFileBuilder()
            .Section(bigEndian: true)
            .Interface(1, 0, resolution < 0 ? null : (byte)resolution, offsetSeconds == 0 ? null : offsetSeconds)
            .Enhanced(0, raw, Bytes(20, 7))
            .Obsolete(0, raw, Bytes(20, 7))
            .ToArray();

        var outcome = PcapNgOutcome.Read(file);

        Assert.Null(outcome.Error);
        var want = DateTime.Parse(expected, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        Assert.Equal(2, outcome.Packets.Count);
        Assert.All(outcome.Packets, p =>
        {
            Assert.Equal(want, p.Timestamp);
            Assert.Equal(DateTimeKind.Utc, p.Timestamp.Kind);
            Assert.True(p.HasTimestamp);
        });
    }

    [Theory]
    [InlineData(20)]
    [InlineData(0x7F)]
    [InlineData(0x80 | 64)]
    [InlineData(0xFF)]
    public void TryReadNext_UnsupportedTimestampResolution_ReportsTheInterfaceBlock(int resolution)
    {
        var builder = new PcapNgFileBuilder().Section(false).Interface(1, 0, (byte)resolution).Enhanced(0, 1, Bytes(4, 1));

        var outcome = PcapNgOutcome.Read(builder.ToArray());

        Assert.Empty(outcome.Packets);
        Assert.NotNull(outcome.Error);
        Assert.Equal(builder.Blocks[1].Offset, outcome.Error.ByteOffset);
        Assert.Contains("if_tsresol", outcome.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(6, 0L, ulong.MaxValue, 1)]
    [InlineData(0, 0L, 300_000_000_000UL, 1)]
    [InlineData(6, -70_000_000_000L, 0UL, 0)]
    [InlineData(6, long.MaxValue, 0UL, 0)]
    [InlineData(6, long.MinValue, 0UL, 0)]
    public void TryReadNext_TimestampOutsideDateTimeRange_ReportsThePacketBlock(int resolution, long offsetSeconds, ulong raw, int goodPackets)
    {
        var builder = new PcapNgFileBuilder()
            .Section(false)
            .Interface(1, 0, (byte)resolution, offsetSeconds)
            .Enhanced(0, 1_000_000, Bytes(4, 1))
            .Enhanced(0, raw, Bytes(4, 1));

        var outcome = PcapNgOutcome.Read(builder.ToArray());

        Assert.Equal(goodPackets, outcome.Packets.Count);
        Assert.NotNull(outcome.Error);
        Assert.Equal(goodPackets + 1, outcome.Error.Record);
        Assert.Equal(builder.Blocks[goodPackets + 2].Offset, outcome.Error.ByteOffset);
        Assert.Contains("timestamp", outcome.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryReadNext_SimplePacketBlocks_UseInterfaceZeroSnapLengthAndPreviousTimestamp()
    {
        var file = new PcapNgFileBuilder()
            .Section(false)
            .Interface(1, snapLength: 64)
            .Interface(0, snapLength: 0)
            .Simple(Bytes(50, 1), originalLength: 50)
            .Enhanced(1, Micros2017, Bytes(8, 2))
            .Simple(Bytes(100, 3), originalLength: 1000)
            .Simple(Bytes(21, 4), originalLength: 10)
            .Simple(Bytes(5, 5), originalLength: 200)
            .ToArray();

        var outcome = PcapNgOutcome.Read(file);

        Assert.Null(outcome.Error);
        var simple = outcome.Packets.Where((_, i) => i != 1).ToList();
        Assert.All(simple, p =>
        {
            Assert.Equal(0, p.InterfaceId);
            Assert.Equal(LinkLayers.Ethernet, p.LinkType);
            Assert.False(p.HasTimestamp);
        });
        Assert.Equal(DateTime.UnixEpoch, simple[0].Timestamp);
        Assert.Equal(Time2017, simple[1].Timestamp);

        // Captured = min(original length, snap length, block body); a 5-byte packet's body is padded to 8.
        Assert.Equal([50, 64, 10, 8], simple.Select(p => p.Data.Length));
        Assert.Equal([50, 1000, 10, 200], simple.Select(p => p.OriginalLength));
        Assert.Equal(Bytes(64, 3), simple[1].Data);
    }

    [Fact]
    public void TryReadNext_NonPacketBlocks_AreSkippedByTheirLength()
    {
        var builder = new PcapNgFileBuilder()
            .Section(true)
            .NameResolution()
            .Custom(copied: true, Bytes(9, 9))
            .Interface(1, 0)
            .Statistics(Micros2017)
            .Other(PcapNgFileBuilder.DecryptionSecretsType, Bytes(30, 1))
            .Enhanced(0, Micros2017, Bytes(64, 1))
            .Custom(copied: false, Bytes(100, 9))
            .Other(0x12345678, Bytes(17, 1))
            .Other(0x80000001, [])
            .Enhanced(0, Micros2017, Bytes(65, 2))
            .Statistics(Micros2017);

        var outcome = PcapNgOutcome.Read(builder.ToArray());

        Assert.Null(outcome.Error);
        Assert.Equal([64, 65], outcome.Packets.Select(p => p.Data.Length));
        Assert.Equal(builder.Blocks.Where(b => b.IsPacket).Select(b => (long)b.Offset), outcome.Packets.Select(p => p.Offset));
    }

    [Fact]
    public void TryReadNext_PacketLargerThanTheBuffer_IsReadWhole()
    {
        var big = Bytes(3 * 1024 * 1024 + 5, 7);
        var file = new PcapNgFileBuilder()
            .Section(false)
            .Interface(1, 0)
            .Enhanced(0, Micros2017, Bytes(10, 1))
            .Enhanced(0, Micros2017, big)
            .Enhanced(0, Micros2017, Bytes(11, 1))
            .ToArray();

        foreach (var stream in new Stream[] { new MemoryStream(file), new TrickleStream(file, 100_000) })
        {
            var outcome = PcapNgOutcome.Read(stream);

            Assert.Null(outcome.Error);
            Assert.Equal([10, big.Length, 11], outcome.Packets.Select(p => p.Data.Length));
            Assert.Equal(big, outcome.Packets[1].Data);
        }
    }

    [Fact]
    public void TryReadNext_SectionHeaderOnly_EndsCleanlyWithoutPackets()
    {
        var outcome = PcapNgOutcome.Read(new PcapNgFileBuilder().Section(true).ToArray());

        Assert.Null(outcome.Error);
        Assert.Empty(outcome.Packets);
    }

    [Fact]
    public void TryReadNext_EmptyFile_ReportsOffsetZero()
    {
        var outcome = PcapNgOutcome.Read([]);

        Assert.NotNull(outcome.Error);
        Assert.Equal(0, outcome.Error.ByteOffset);
        Assert.Equal(1, outcome.Error.Record);
        Assert.Equal("test.pcapng", outcome.Error.Path);
    }

    [Fact]
    public void TryReadNext_FirstBlockIsNotASectionHeader_ReportsOffsetZero()
    {
        var file = new PcapNgFileBuilder().Section(false).Interface(1, 0).ToArray()[28..];

        var outcome = PcapNgOutcome.Read(file);

        Assert.NotNull(outcome.Error);
        Assert.Equal(0, outcome.Error.ByteOffset);
        Assert.Contains("Section Header Block", outcome.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TryReadNext_BadByteOrderMagicInLaterSection_ReportsThatSection(bool bigEndian)
    {
        var builder = new PcapNgFileBuilder()
            .Section(bigEndian)
            .Interface(1, 0)
            .Enhanced(0, Micros2017, Bytes(10, 1))
            .Section(!bigEndian)
            .Interface(1, 0)
            .Enhanced(0, Micros2017, Bytes(10, 1));
        var file = builder.ToArray();
        var second = builder.Blocks[3].Offset;
        file[second + 8] ^= 0xFF;

        var outcome = PcapNgOutcome.Read(file);

        Assert.Single(outcome.Packets);
        Assert.NotNull(outcome.Error);
        Assert.Equal(second, outcome.Error.ByteOffset);
        Assert.Equal(2, outcome.Error.Record);
        Assert.Contains("byte-order magic", outcome.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryReadNext_UnsupportedMajorVersion_ReportsTheSection()
    {
        var outcome = PcapNgOutcome.Read(new PcapNgFileBuilder().Section(false, majorVersion: 2).Interface(1, 0).ToArray());

        Assert.NotNull(outcome.Error);
        Assert.Equal(0, outcome.Error.ByteOffset);
        Assert.Contains("version 2", outcome.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_ValidUntilNextRead_HoldsTheCurrentPacket()
    {
        var file = new PcapNgFileBuilder()
            .Section(false)
            .Interface(1, 0)
            .Enhanced(0, Micros2017, Bytes(10, 1))
            .Enhanced(0, Micros2017, Bytes(12, 2))
            .ToArray();
        using var reader = new PcapNgReader(new MemoryStream(file), "x.pcapng");

        Assert.Equal(0, reader.Data.Length);
        Assert.True(reader.TryReadNext());
        Assert.Equal(Bytes(10, 1), reader.Data.ToArray());
        Assert.True(reader.TryReadNext());
        Assert.Equal(Bytes(12, 2), reader.Data.ToArray());
        Assert.Equal(2, reader.Packets);
        Assert.False(reader.TryReadNext());
    }

    [Fact]
    public void Dispose_DisposesTheStream()
    {
        var stream = new MemoryStream(new PcapNgFileBuilder().Section(false).ToArray());
        var reader = new PcapNgReader(stream, "x.pcapng");

        reader.Dispose();

        Assert.False(stream.CanRead);
        Assert.Throws<ObjectDisposedException>(() => reader.TryReadNext());
    }

    [Fact]
    public void LinkType_SixteenBitLinkTypeNumber_IsNotTruncated()
    {
        var file = new PcapNgFileBuilder().Section(true).Interface(0x114, 0).Enhanced(0, 0, Bytes(4, 1)).ToArray();

        var outcome = PcapNgOutcome.Read(file);

        Assert.Equal(0x114, (int)Assert.Single(outcome.Packets).LinkType);
    }

    internal static byte[] Bytes(int length, byte seed)
    {
        var data = new byte[length];
        for (var i = 0; i < length; i++)
        {
            data[i] = (byte)(seed + i * 7);
        }

        return data;
    }
}
