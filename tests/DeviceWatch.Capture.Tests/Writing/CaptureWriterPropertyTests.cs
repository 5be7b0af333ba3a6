using CsCheck;
using DeviceWatch.Synth.Writing;

namespace DeviceWatch.Capture.Tests.Writing;

public sealed class CaptureWriterPropertyTests
{
    private static readonly long MaxTicks = new DateTime(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks - DateTime.UnixEpoch.Ticks;

    [Fact]
    public void Write_AnyFramesAndTimes_ReadBackIdentically()
    {
        var gen = Gen.Select(
            Gen.Select(Gen.Byte.Array[0, 1600], Gen.Long[0, MaxTicks]).Array[0, 30],
            Gen.Enum<CaptureFormat>(),
            Gen.Enum<TimestampResolution>(),
            Gen.Int[1, 2000]);
        gen.Sample(sample =>
        {
            var (packets, format, resolution, snapLength) = sample;
            using var stream = new MemoryStream();
            using (var writer = CaptureFile.Open(stream, format, LinkType.Ethernet, resolution, snapLength, leaveOpen: true))
            {
                foreach (var (frame, ticks) in packets)
                {
                    writer.Write(new DateTime(DateTime.UnixEpoch.Ticks + ticks, DateTimeKind.Utc), frame);
                }

                Assert.Equal(packets.Length, writer.PacketCount);
            }

            var capture = CaptureFileReader.Read(stream.ToArray());
            Assert.Equal(packets.Length, capture.Packets.Count);
            for (var i = 0; i < packets.Length; i++)
            {
                var (frame, ticks) = packets[i];
                var stored = capture.Packets[i];
                var expectedUnits = resolution == TimestampResolution.Nanosecond ? ticks * 100 : ticks / 10;
                Assert.Equal(expectedUnits, stored.UnixUnits);
                Assert.Equal(frame.AsSpan(0, Math.Min(frame.Length, snapLength)).ToArray(), stored.Data);
                Assert.Equal(frame.Length, stored.OriginalLength);
            }
        }, iter: 200);
    }
}
