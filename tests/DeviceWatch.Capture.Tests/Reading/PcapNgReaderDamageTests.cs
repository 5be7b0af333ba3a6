using CsCheck;
using DeviceWatch.Capture.Reading;

namespace DeviceWatch.Capture.Tests.Reading;

public sealed class PcapNgReaderDamageTests
{
    public static TheoryData<bool, int> ByteOrdersAndChunks => new()
    {
        { false, int.MaxValue },
        { true, int.MaxValue },
        { false, 1 },
        { true, 3 },
    };

    [Theory]
    [MemberData(nameof(ByteOrdersAndChunks))]
    public void TryReadNext_FileCutAtEveryLength_ReturnsWholePacketsThenReportsTheCutBlock(bool bigEndianFirst, int chunk)
    {
        var builder = PcapNgSampleFile.Build(bigEndianFirst);
        var file = builder.ToArray();
        var full = PcapNgOutcome.Read(file);
        Assert.Null(full.Error);
        Assert.Equal(builder.Blocks.Count(b => b.IsPacket), full.Packets.Count);

        for (var length = 0; length <= file.Length; length++)
        {
            var prefix = file[..length];
            Stream stream = chunk == int.MaxValue ? new MemoryStream(prefix) : new TrickleStream(prefix, chunk);

            var outcome = PcapNgOutcome.Read(stream);

            var whole = builder.Blocks.Where(b => b.End <= length).ToList();
            var expectedPackets = whole.Count(b => b.IsPacket);
            Assert.Equal(full.Packets.Take(expectedPackets), outcome.Packets, PacketComparer);
            var atBoundary = length > 0 && (whole.Count > 0 && whole[^1].End == length);
            if (atBoundary)
            {
                Assert.Null(outcome.Error);
            }
            else
            {
                Assert.NotNull(outcome.Error);
                Assert.Equal(builder.Blocks.First(b => b.End > length).Offset, outcome.Error.ByteOffset);
                Assert.Equal(expectedPackets + 1, outcome.Error.Record);
            }
        }
    }

    public static TheoryData<string> LengthCorruptions => new() { "zero", "four", "eight", "eleven", "minus4", "plus2", "plus4", "huge", "cap", "trailer" };

    [Theory]
    [MemberData(nameof(LengthCorruptions))]
    public void TryReadNext_CorruptedBlockLength_ReportsThatBlock(string corruption)
    {
        foreach (var bigEndianFirst in new[] { false, true })
        {
            var builder = PcapNgSampleFile.Build(bigEndianFirst);
            var original = builder.ToArray();
            var full = PcapNgOutcome.Read(original);
            foreach (var block in builder.Blocks)
            {
                var file = (byte[])original.Clone();
                var length = (uint)block.Length;
                var (index, value) = corruption switch
                {
                    "zero" => (4, 0u),
                    "four" => (4, 4u),
                    "eight" => (4, 8u),
                    "eleven" => (4, 11u),
                    "minus4" => (4, length - 4),
                    "plus2" => (4, length + 2),
                    "plus4" => (4, length + 4),
                    "huge" => (4, 0xFFFF_FFF0u),
                    "cap" => (4, (uint)PcapNgReader.MaxBlockLength + 4),
                    _ => (block.Length - 4, length + 4),
                };
                PcapNgFileBuilder.WriteUInt32(file, block.Offset + index, value, block.BigEndian);

                var outcome = PcapNgOutcome.Read(file);

                var before = builder.Blocks.TakeWhile(b => b != block).Count(b => b.IsPacket);
                Assert.Equal(full.Packets.Take(before), outcome.Packets, PacketComparer);
                Assert.NotNull(outcome.Error);
                Assert.Equal(block.Offset, outcome.Error.ByteOffset);
                Assert.Equal(before + 1, outcome.Error.Record);
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TryReadNext_CapturedLengthBeyondBlockBody_ReportsThePacketBlock(bool bigEndian)
    {
        var builder = new PcapNgFileBuilder()
            .Section(bigEndian)
            .Interface(1, 0)
            .Enhanced(0, 1, PcapNgReaderTests.Bytes(10, 1), withOptions: false)
            .Obsolete(0, 1, PcapNgReaderTests.Bytes(10, 1));
        foreach (var block in builder.Blocks.Where(b => b.IsPacket))
        {
            var file = builder.ToArray();
            PcapNgFileBuilder.WriteUInt32(file, block.Offset + 20, 13, bigEndian);

            var outcome = PcapNgOutcome.Read(file);

            Assert.NotNull(outcome.Error);
            Assert.Equal(block.Offset, outcome.Error.ByteOffset);
            Assert.Contains("captured length 13", outcome.Error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TryReadNext_PacketOnUnknownInterface_ReportsThePacketBlock(bool bigEndian)
    {
        var builder = new PcapNgFileBuilder()
            .Section(bigEndian)
            .Simple(PcapNgReaderTests.Bytes(10, 1))
            .Interface(1, 0)
            .Enhanced(1, 1, PcapNgReaderTests.Bytes(10, 1))
            .Enhanced(uint.MaxValue, 1, PcapNgReaderTests.Bytes(10, 1))
            .Obsolete(1, 1, PcapNgReaderTests.Bytes(10, 1));
        foreach (var block in builder.Blocks.Where(b => b.IsPacket))
        {
            // Keep only the section, the interface (unless the packet comes before it) and this one packet.
            var original = builder.ToArray();
            var file = original[..builder.Blocks[0].End]
                .Concat(block.Offset > builder.Blocks[2].Offset ? original[builder.Blocks[2].Offset..builder.Blocks[2].End] : [])
                .Concat(original[block.Offset..block.End])
                .ToArray();

            var outcome = PcapNgOutcome.Read(file);

            Assert.Empty(outcome.Packets);
            Assert.NotNull(outcome.Error);
            Assert.Equal(file.Length - block.Length, outcome.Error.ByteOffset);
            Assert.Contains("interface", outcome.Error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TryReadNext_InterfaceOptionOverrunningTheBlock_ReportsTheInterfaceBlock()
    {
        var builder = new PcapNgFileBuilder().Section(false).Interface(1, 0, resolution: 9);
        var file = builder.ToArray();
        var idb = builder.Blocks[1];

        // The first option (if_name, 4 bytes) claims 200 bytes.
        file[idb.Offset + 18] = 200;

        var outcome = PcapNgOutcome.Read(file);

        Assert.NotNull(outcome.Error);
        Assert.Equal(idb.Offset, outcome.Error.ByteOffset);
        Assert.Contains("option 2", outcome.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryReadNext_AfterDamage_ReportsTheSameBlockAgain()
    {
        var builder = new PcapNgFileBuilder()
            .Section(false)
            .Interface(1, 0)
            .Enhanced(5, 1, PcapNgReaderTests.Bytes(10, 1))
            .Enhanced(0, 1, PcapNgReaderTests.Bytes(10, 1));
        using var reader = new PcapNgReader(new MemoryStream(builder.ToArray()), "x.pcapng");

        var first = Assert.Throws<CaptureInputException>(() => reader.TryReadNext());
        var second = Assert.Throws<CaptureInputException>(() => reader.TryReadNext());

        Assert.Equal(builder.Blocks[2].Offset, first.ByteOffset);
        Assert.Equal(first.Message, second.Message);
        Assert.Equal(0, reader.Packets);
    }

    [Fact]
    public void TryReadNext_StreamFailsMidBlock_ReportsTheBlockAsUnreadable()
    {
        var builder = PcapNgSampleFile.Build(bigEndianFirst: true);
        var file = builder.ToArray();
        var cut = builder.Blocks[5];

        var outcome = PcapNgOutcome.Read(new FailingStream(file[..(cut.Offset + 10)]));

        Assert.Single(outcome.Packets);
        Assert.NotNull(outcome.Error);
        Assert.Equal(cut.Offset, outcome.Error.ByteOffset);
        Assert.Equal(2, outcome.Error.Record);
        Assert.Contains("Input/output error", outcome.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryReadNext_TruncatedHugeBlockFromAPipe_AllocatesOnlyWhatArrived()
    {
        // A block that claims 200 MiB but the stream ends after 64 KiB: the buffer must not be grown to 200 MiB.
        var header = new PcapNgFileBuilder().Section(false).Interface(1, 0).ToArray();
        var file = new byte[header.Length + 65_536];
        header.CopyTo(file, 0);
        PcapNgFileBuilder.WriteUInt32(file, header.Length, 6, bigEndian: false);
        PcapNgFileBuilder.WriteUInt32(file, header.Length + 4, 200u * 1024 * 1024, bigEndian: false);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var outcome = PcapNgOutcome.Read(new TrickleStream(file, 4096));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.NotNull(outcome.Error);
        Assert.Equal(header.Length, outcome.Error.ByteOffset);
        Assert.Contains("truncated", outcome.Error.Message, StringComparison.Ordinal);
        Assert.True(allocated < 8 * 1024 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public void TryReadNext_RandomBytesAfterAValidSection_ThrowsOnlyCaptureInputException()
    {
        var header = new PcapNgFileBuilder().Section(false).Interface(1, 0).ToArray();
        Gen.Byte.Array[0, 600].Sample(tail =>
        {
            var outcome = PcapNgOutcome.Read([.. header, .. tail]);
            Assert.True(outcome.Error is null || outcome.Error.ByteOffset >= header.Length);
        }, iter: 3000);
    }

    [Fact]
    public void TryReadNext_RandomBlocksWithPlausibleHeaders_ThrowsOnlyCaptureInputException()
    {
        // Random blocks whose type is a known one and whose length is often right reach deeper than random bytes.
        var header = new PcapNgFileBuilder().Section(true).Interface(1, 64).ToArray();
        var genBlock = Gen.Select(Gen.OneOfConst(1u, 2u, 3u, 4u, 5u, 6u, 0x0A0D0D0Au, 0xBADu), Gen.Int[0, 12], Gen.Byte.Array[0, 80], Gen.Bool)
            .Select((type, words, body, exact) =>
            {
                var length = (uint)(12 + 4 * words);
                var block = new byte[length];
                PcapNgFileBuilder.WriteUInt32(block, 0, type, bigEndian: true);
                PcapNgFileBuilder.WriteUInt32(block, 4, exact ? length : length + (uint)body.Length, bigEndian: true);
                body.AsSpan(0, Math.Min(body.Length, (int)length - 12)).CopyTo(block.AsSpan(8));
                PcapNgFileBuilder.WriteUInt32(block, (int)length - 4, length, bigEndian: true);
                return block;
            });
        genBlock.Array[1, 8].Sample(blocks =>
        {
            var outcome = PcapNgOutcome.Read([.. header, .. blocks.SelectMany(b => b)]);
            Assert.All(outcome.Packets, p => Assert.True(p.Data.Length <= 64 * 4));
        }, iter: 3000);
    }

    [Fact]
    public void TryReadNext_RandomlyMutatedSampleFile_ThrowsOnlyCaptureInputException()
    {
        var original = PcapNgSampleFile.Build(bigEndianFirst: false).ToArray();
        Gen.Select(Gen.Int[0, original.Length - 1], Gen.Byte).Array[1, 6].Sample(mutations =>
        {
            var file = (byte[])original.Clone();
            foreach (var (index, value) in mutations)
            {
                file[index] = value;
            }

            var outcome = PcapNgOutcome.Read(new TrickleStream(file, 7));
            Assert.True(outcome.Error is null || (outcome.Error.ByteOffset % 4 == 0 && outcome.Error.ByteOffset < file.Length));
        }, iter: 3000);
    }

    private static readonly IEqualityComparer<PcapNgReadPacket> PacketComparer = EqualityComparer<PcapNgReadPacket>.Create(
        (a, b) => a is not null && b is not null && a with { Data = [] } == b with { Data = [] } && a.Data.AsSpan().SequenceEqual(b.Data),
        p => p.Offset.GetHashCode());
}
