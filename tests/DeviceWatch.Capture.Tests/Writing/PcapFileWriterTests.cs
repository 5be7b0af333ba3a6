using System.Buffers.Binary;
using DeviceWatch.Synth.Writing;

namespace DeviceWatch.Capture.Tests.Writing;

public sealed class PcapFileWriterTests
{
    private static readonly DateTime Time = new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc).AddTicks(1_234_567);

    [Fact]
    public void Write_OneFrame_ProducesExactHeaderAndRecordBytes()
    {
        using var stream = new MemoryStream();
        using (var writer = new PcapFileWriter(stream, LinkType.Ethernet, TimestampResolution.Microsecond, 65535, leaveOpen: true))
        {
            writer.Write(Time, new byte[] { 1, 2, 3 });
        }

        var seconds = (uint)((Time - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerSecond);
        var expected = new byte[24 + 16 + 3];
        BinaryPrimitives.WriteUInt32LittleEndian(expected, 0xa1b2c3d4);
        BinaryPrimitives.WriteUInt16LittleEndian(expected.AsSpan(4), 2);
        BinaryPrimitives.WriteUInt16LittleEndian(expected.AsSpan(6), 4);
        BinaryPrimitives.WriteUInt32LittleEndian(expected.AsSpan(16), 65535);
        BinaryPrimitives.WriteUInt32LittleEndian(expected.AsSpan(20), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(expected.AsSpan(24), seconds);
        BinaryPrimitives.WriteUInt32LittleEndian(expected.AsSpan(28), 123_456);
        BinaryPrimitives.WriteUInt32LittleEndian(expected.AsSpan(32), 3);
        BinaryPrimitives.WriteUInt32LittleEndian(expected.AsSpan(36), 3);
        expected[40] = 1;
        expected[41] = 2;
        expected[42] = 3;
        Assert.Equal(expected, stream.ToArray());
    }

    [Fact]
    public void Write_NanosecondResolution_UsesNanosecondMagicAndFraction()
    {
        using var stream = new MemoryStream();
        using (var writer = new PcapFileWriter(stream, LinkType.RawIp, TimestampResolution.Nanosecond, leaveOpen: true))
        {
            writer.Write(Time, new byte[] { 0x45 });
        }

        var bytes = stream.ToArray();
        Assert.Equal(0xa1b23c4du, BinaryPrimitives.ReadUInt32LittleEndian(bytes));
        Assert.Equal(101u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(20)));
        Assert.Equal(123_456_700u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(28)));
    }

    [Fact]
    public void Write_FrameLongerThanSnapLength_TruncatesAndKeepsOriginalLength()
    {
        using var stream = new MemoryStream();
        using (var writer = new PcapFileWriter(stream, snapLength: 64, leaveOpen: true))
        {
            writer.Write(Time, new byte[100]);
            writer.Write(Time, new byte[10]);
            Assert.Equal(2, writer.PacketCount);
        }

        var capture = CaptureFileReader.Read(stream.ToArray());
        Assert.Equal([(64, 100), (10, 10)], capture.Packets.Select(p => (p.Data.Length, p.OriginalLength)));
    }

    [Fact]
    public void Write_TimeBeforeEpoch_Throws()
    {
        using var writer = new PcapFileWriter(new MemoryStream());
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Write(new DateTime(1969, 12, 31, 0, 0, 0, DateTimeKind.Utc), new byte[1]));
    }

    [Fact]
    public void Dispose_WithoutLeaveOpen_FlushesAndClosesStream()
    {
        var stream = new MemoryStream();
        var writer = new PcapFileWriter(stream);
        writer.Write(Time, new byte[5]);
        Assert.Equal(24 + 21, writer.BytesWritten);
        writer.Dispose();
        Assert.False(stream.CanWrite);
        Assert.Equal(24 + 21, stream.ToArray().Length);
    }

    [Fact]
    public void Write_LargerThanBuffer_StreamsEverythingInOrder()
    {
        var frames = SampleFrames.Build(500);
        using var stream = new MemoryStream();
        using (var writer = new PcapFileWriter(stream, leaveOpen: true, bufferSize: 4096))
        {
            for (var i = 0; i < frames.Count; i++)
            {
                writer.Write(Time.AddMilliseconds(i), frames[i]);
            }
        }

        var capture = CaptureFileReader.Read(stream.ToArray());
        Assert.Equal(frames, capture.Packets.Select(p => p.Data));
    }
}
