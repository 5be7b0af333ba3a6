using System.Globalization;
using DeviceWatch.Synth.Frames;
using DeviceWatch.Synth.Writing;

namespace DeviceWatch.Capture.Tests.Writing;

public sealed class CaptureWriterTsharkTests
{
    private static readonly DateTime Start = new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc).AddTicks(1_234_567);

    /// <summary>Every link type once per format; resolutions alternate so each format meets both.</summary>
    public static TheoryData<CaptureFormat, TimestampResolution, LinkType> Combinations() => new()
    {
        { CaptureFormat.Pcap, TimestampResolution.Microsecond, LinkType.Ethernet },
        { CaptureFormat.Pcap, TimestampResolution.Nanosecond, LinkType.RawIp },
        { CaptureFormat.Pcap, TimestampResolution.Microsecond, LinkType.LinuxSll },
        { CaptureFormat.Pcap, TimestampResolution.Nanosecond, LinkType.LinuxSll2 },
        { CaptureFormat.PcapNg, TimestampResolution.Nanosecond, LinkType.Ethernet },
        { CaptureFormat.PcapNg, TimestampResolution.Microsecond, LinkType.RawIp },
        { CaptureFormat.PcapNg, TimestampResolution.Nanosecond, LinkType.LinuxSll },
        { CaptureFormat.PcapNg, TimestampResolution.Microsecond, LinkType.LinuxSll2 },
    };

    [Theory]
    [MemberData(nameof(Combinations))]
    public void Write_EveryFormatResolutionAndLinkType_TsharkReadsEveryFrame(CaptureFormat format, TimestampResolution resolution, LinkType linkType)
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.File("frames." + (format == CaptureFormat.Pcap ? "pcap" : "pcapng"));
        var frames = SampleFrames.Build(23);
        using (var writer = CaptureFile.Create(path, format, linkType, resolution))
        {
            for (var i = 0; i < frames.Count; i++)
            {
                writer.Write(Start.AddMilliseconds(i), LinkFraming.Convert(frames[i], linkType));
            }
        }

        var rows = Tshark.Fields(path, ["frame.number", "frame.time_epoch", "ip.src", "ipv6.src", "udp.length", "tcp.len", "_ws.malformed"]);
        Assert.Equal(frames.Count, rows.Count);
        Assert.All(rows, r => Assert.Equal("", r[6]));
        var expectedFraction = resolution == TimestampResolution.Nanosecond ? "123456700" : "123456000";
        Assert.EndsWith("." + expectedFraction, rows[0][1], StringComparison.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(i % 4 < 2 ? (i % 4 == 0 ? "192.168.50.100" : "203.0.113.7") : "", rows[i][2]);
            Assert.Equal(i % 4 >= 2 ? "2001:db8::100" : "", rows[i][3]);
            var payload = (i * 37) % 300;
            Assert.Equal(payload.ToString(CultureInfo.InvariantCulture), i % 2 == 0 ? (int.Parse(rows[i][4], CultureInfo.InvariantCulture) - 8).ToString(CultureInfo.InvariantCulture) : rows[i][5]);
        }
    }

    [Theory]
    [InlineData(CaptureFormat.Pcap, TimestampResolution.Microsecond, "pcap", "microseconds (6)")]
    [InlineData(CaptureFormat.Pcap, TimestampResolution.Nanosecond, "nsecpcap", "nanoseconds (9)")]
    [InlineData(CaptureFormat.PcapNg, TimestampResolution.Microsecond, "pcapng", "microseconds (6)")]
    [InlineData(CaptureFormat.PcapNg, TimestampResolution.Nanosecond, "pcapng", "nanoseconds (9)")]
    public void Write_EachFormat_CapinfosReportsTypeCountAndPrecision(CaptureFormat format, TimestampResolution resolution, string fileType, string precision)
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.File("frames.cap");
        using (var writer = CaptureFile.Create(path, format, LinkType.Ethernet, resolution, snapLength: 128))
        {
            foreach (var (frame, i) in SampleFrames.Build(40).Select((f, i) => (f, i)))
            {
                writer.Write(Start.AddSeconds(i), frame);
            }
        }

        var report = Tshark.Capinfos(path);
        Assert.Contains("File type:           " + fileType + "\n", report, StringComparison.Ordinal);
        Assert.Contains("Number of packets:   40\n", report, StringComparison.Ordinal);
        Assert.Contains("File encapsulation:  ether\n", report, StringComparison.Ordinal);
        Assert.Contains("File timestamp precision:  " + precision, report, StringComparison.Ordinal);
        Assert.Contains("Capture duration:    39", report, StringComparison.Ordinal);
    }

    [Fact]
    public void PcapNg_TwoInterfacesAndSnapLength_TsharkSeesInterfacesAndCapturedLengths()
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.File("multi.pcapng");
        var frames = SampleFrames.Build(10);
        using (var writer = PcapNgFileWriter.Create(path, LinkType.Ethernet, TimestampResolution.Nanosecond, snapLength: 96, interfaceName: "lan"))
        {
            var wan = writer.AddInterface(LinkType.LinuxSll2, TimestampResolution.Microsecond, name: "wan");
            for (var i = 0; i < frames.Count; i++)
            {
                writer.Write(i % 2, Start.AddMilliseconds(i), i % 2 == wan ? LinkFraming.Convert(frames[i], LinkType.LinuxSll2) : frames[i]);
            }
        }

        var rows = Tshark.Fields(path, ["frame.interface_id", "frame.interface_name", "frame.len", "frame.cap_len"]);
        Assert.Equal(10, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var expectedLength = i % 2 == 1 ? LinkFraming.Convert(frames[i], LinkType.LinuxSll2).Length : frames[i].Length;
            Assert.Equal((i % 2).ToString(CultureInfo.InvariantCulture), rows[i][0]);
            Assert.Equal(i % 2 == 0 ? "lan" : "wan", rows[i][1]);
            Assert.Equal(expectedLength.ToString(CultureInfo.InvariantCulture), rows[i][2]);
            Assert.Equal(Math.Min(expectedLength, i % 2 == 0 ? 96 : PcapFileWriter.DefaultSnapLength).ToString(CultureInfo.InvariantCulture), rows[i][3]);
        }
    }
}
