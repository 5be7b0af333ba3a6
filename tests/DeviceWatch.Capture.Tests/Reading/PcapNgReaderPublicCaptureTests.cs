using System.Globalization;
using System.Security.Cryptography;
using DeviceWatch.Capture.Reading;

namespace DeviceWatch.Capture.Tests.Reading;

/// <summary>Every public pcapng capture must read exactly as tshark reads it (PcapNgGolden.tsv).</summary>
public sealed class PcapNgReaderPublicCaptureTests
{
    public static TheoryData<string> GoldenFiles => new(PcapNgGolden.All.Keys);

    [Fact]
    public void GoldenFile_CoversEveryPublicPcapNgCapture()
    {
        var onDisk = PcapNgCaptures.PcapNgFiles();

        Assert.Equal(onDisk, PcapNgGolden.All.Keys);
        Assert.Contains("zeek/pcapng-multi-interface.pcapng", onDisk);
        Assert.Contains("pcapng-edge/output_be/difficult/test202.pcapng", onDisk);
        Assert.True(onDisk.Count(f => f.StartsWith("pcapng-edge/", StringComparison.Ordinal)) >= 48);
    }

    [Theory]
    [MemberData(nameof(GoldenFiles))]
    public void TryReadNext_PublicCapture_MatchesTshark(string relativePath)
    {
        var path = Path.Combine(PcapNgCaptures.PublicFolder(), relativePath);
        var expected = PcapNgGolden.All[relativePath];

        var outcome = PcapNgOutcome.Read(File.OpenRead(path), path);

        Assert.Null(outcome.Error);
        Assert.Equal(expected.Count, outcome.Packets.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var want = expected[i];
            var got = outcome.Packets[i];
            var where = $"{relativePath} packet {i + 1}";
            Assert.True(want.Length == got.OriginalLength, $"{where}: length {got.OriginalLength}, tshark {want.Length}");
            Assert.True(want.CapturedLength == got.Data.Length, $"{where}: captured {got.Data.Length}, tshark {want.CapturedLength}");
            Assert.True(want.LinkType == (int)got.LinkType, $"{where}: link type {(int)got.LinkType}, tshark {want.LinkType}");
            Assert.True(want.SectionInterfaceId == got.SectionInterfaceId, $"{where}: interface {got.SectionInterfaceId}, tshark {want.SectionInterfaceId}");
            Assert.True(got.InterfaceId >= got.SectionInterfaceId, where);
            Assert.True(want.Md5 == Convert.ToHexStringLower(MD5.HashData(got.Data)), $"{where}: data differs");
            Assert.True(want.TimeEpoch is not null == got.HasTimestamp, $"{where}: has timestamp {got.HasTimestamp}");
            if (want.TimeEpoch is not null)
            {
                Assert.True(ToUtc(want.TimeEpoch) == got.Timestamp, $"{where}: time {got.Timestamp:O}, tshark {want.TimeEpoch}");
            }
        }
    }

    [Fact]
    public void TryReadNext_SingleSectionPublicCaptures_NumberInterfacesAsWritten()
    {
        var path = Path.Combine(PcapNgCaptures.PublicFolder(), "zeek", "pcapng-multi-interface.pcapng");

        var outcome = PcapNgOutcome.Read(File.OpenRead(path), path);

        Assert.Equal([0, 1], outcome.Packets.Select(p => p.InterfaceId).Distinct().Order());
        Assert.All(outcome.Packets, p => Assert.Equal(p.SectionInterfaceId, p.InterfaceId));
    }

    [Theory]
    [InlineData("pcapng-edge/output_le/difficult/test201.pcapng")]
    [InlineData("pcapng-edge/output_be/difficult/test202.pcapng")]
    public void TryReadNext_MultiSectionPublicCapture_NumbersInterfacesAcrossSections(string relativePath)
    {
        // test201: sections with 2, 1 and 2 interfaces; test202: 2, 1, 2. Packets name interfaces per section.
        var path = Path.Combine(PcapNgCaptures.PublicFolder(), relativePath);

        var outcome = PcapNgOutcome.Read(File.OpenRead(path), path);

        var expected = relativePath.Contains("test201", StringComparison.Ordinal) ? new[] { 0, 2, 2, 4 } : [0, 0, 1, 2, 2, 2, 2, 4];
        Assert.Equal(expected, outcome.Packets.Select(p => p.InterfaceId));
    }

    private static DateTime ToUtc(string epoch)
    {
        // tshark prints seconds.nanoseconds; DateTime keeps 100 ns, so the reader truncates the same way.
        var parts = epoch.Split('.');
        var seconds = long.Parse(parts[0], CultureInfo.InvariantCulture);
        var nanoseconds = parts.Length > 1 ? long.Parse(parts[1].PadRight(9, '0')[..9], CultureInfo.InvariantCulture) : 0;
        return DateTime.UnixEpoch.AddTicks(seconds * TimeSpan.TicksPerSecond + nanoseconds / 100);
    }
}
