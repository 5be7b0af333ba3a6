using DeviceWatch.Capture.Writing;
using DeviceWatch.Capture.Reading;
using PacketDotNet;

namespace DeviceWatch.Capture.Tests.Live;

public sealed class RotatingCaptureWriterTests
{
    [Theory]
    [InlineData(2000, 0, 2)]
    [InlineData(1000, 0, 3)]
    [InlineData(0, 10, 3)]
    public void Write_SizeOrTimeLimit_RotatesIntoReadableFilesInTimeOrder(long maxBytes, int maxAgeSeconds, int expectedFiles)
    {
        var folder = Path.Combine(Path.GetTempPath(), "dw-rot-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var start = new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);
            var frame = new byte[60];
            using (var writer = new RotatingCaptureWriter(folder, "eth1", LinkLayers.Ethernet, new RotationPolicy { MaxBytes = maxBytes, MaxAge = TimeSpan.FromSeconds(maxAgeSeconds) }))
            {
                for (var i = 0; i < 30; i++)
                {
                    writer.Write(start.AddSeconds(i), frame, frame.Length);
                }

                Assert.Equal(30, writer.Packets);
                Assert.Equal(expectedFiles, writer.Files.Count);
            }

            var files = CaptureFileReader.ExpandInputs([folder]);
            Assert.Equal(expectedFiles, files.Count);
            Assert.Equal(files.OrderBy(f => f, StringComparer.Ordinal), files);
            Assert.All(files, f => Assert.Equal(CaptureFormat.Pcap, CaptureFileReader.DetectFormat(f, out _)));
            Assert.Equal(30 * (16 + 60) + 24 * expectedFiles, files.Sum(f => new FileInfo(f).Length));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
