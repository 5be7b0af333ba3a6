using DeviceWatch.EndToEnd.Tests.Infrastructure;

namespace DeviceWatch.EndToEnd.Tests.CommandLine;

/// <summary>Every bad input ends with exit code 2 and a message naming the file; nothing recorded is lost.</summary>
public sealed class AnalyzeBadInputTests
{
    [Fact]
    public void Analyze_MissingFile_Exit2NamesPath()
    {
        using var dir = new TempDirectory();
        var missing = dir.File("nope.pcap");

        var (code, _, stderr) = DeviceWatchCli.Run("analyze", missing, "--out", dir.File("out"));

        Assert.Equal(2, code);
        Assert.Contains(missing, stderr);
        Assert.Contains("no such file", stderr);
    }

    [Fact]
    public void Analyze_TextFile_Exit2NotACapture()
    {
        using var dir = new TempDirectory();
        var text = dir.File("notes.pcap");
        File.WriteAllText(text, "this is not a capture\n");

        var (code, _, stderr) = DeviceWatchCli.Run("analyze", text, "--out", dir.File("out"));

        Assert.Equal(2, code);
        Assert.Contains(text, stderr);
        Assert.Contains("not a pcap or pcapng", stderr);
        Assert.Contains("byte offset 0", stderr);
    }

    [Fact]
    public void Analyze_EmptyFile_Exit2()
    {
        using var dir = new TempDirectory();
        var empty = dir.File("empty.pcapng");
        File.WriteAllBytes(empty, []);

        var (code, _, stderr) = DeviceWatchCli.Run("analyze", empty, "--out", dir.File("out"));

        Assert.Equal(2, code);
        Assert.Contains("empty file", stderr);
    }

    [Fact]
    public void Analyze_CaptureCutMidPacket_Exit2ButKeepsRecordsBeforeDamage()
    {
        using var dir = new TempDirectory();
        var whole = File.ReadAllBytes(SharedCaptures.File("zeek/http_get.pcap"));
        var cut = dir.File("cut.pcap");
        File.WriteAllBytes(cut, whole[..(whole.Length - 40)]);

        var (code, _, stderr) = DeviceWatchCli.Run("analyze", cut, "--out", dir.File("out"), "--profiles", DeviceWatchCli.Profiles);

        Assert.Equal(2, code);
        Assert.Contains(cut, stderr);
        Assert.Matches("at record [0-9]+", stderr);
        var conn = File.ReadAllLines(dir.File("out/conn.jsonl"));
        Assert.NotEmpty(conn);
        Assert.NotEmpty(File.ReadAllLines(dir.File("out/http.jsonl")));
        Assert.True(File.Exists(dir.File("out/findings.json")));
    }

    [Fact]
    public void Analyze_UnsupportedLinkType_Exit2NamesLinkType()
    {
        using var dir = new TempDirectory();
        // A classic pcap header with link type 147 (user-defined) and one 4-byte record.
        var file = dir.File("user.pcap");
        byte[] header = [0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 147, 0, 0, 0];
        byte[] record = [1, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 4, 0, 0, 0, 1, 2, 3, 4];
        File.WriteAllBytes(file, [.. header, .. record]);

        var (code, _, stderr) = DeviceWatchCli.Run("analyze", file, "--out", dir.File("out"));

        Assert.Equal(2, code);
        Assert.Contains("unsupported link type 147", stderr);
    }

    [Fact]
    public void Analyze_BadFailOn_Exit2()
    {
        var (code, _, stderr) = DeviceWatchCli.Run("analyze", DeviceWatchCli.DemoCapture, "--fail-on", "severe");

        Assert.Equal(2, code);
        Assert.Contains("severe", stderr);
    }

    [Fact]
    public void Analyze_InvalidProfile_Exit2NamesFileAndKey()
    {
        using var dir = new TempDirectory();
        var profiles = dir.File("profiles");
        Directory.CreateDirectory(Path.Combine(profiles, "categories"));
        Directory.CreateDirectory(Path.Combine(profiles, "devices"));
        File.Copy(Path.Combine(DeviceWatchCli.Profiles, "categories", "smartwatch.yaml"), Path.Combine(profiles, "categories", "smartwatch.yaml"));
        File.WriteAllText(Path.Combine(profiles, "devices", "w.yaml"), "id: w\ncategory: smartwatch\nmatch: { mac: \"02:00:5e:10:00:09\" }\nlimits: { location.gsp: { max_per_hour: 3 } }\n");

        var (code, _, stderr) = DeviceWatchCli.Run("analyze", DeviceWatchCli.DemoCapture, "--profiles", profiles, "--out", dir.File("out"));

        Assert.Equal(2, code);
        Assert.Contains("w.yaml", stderr);
        Assert.Contains("location.gsp", stderr);
        Assert.False(Directory.Exists(dir.File("out")), "nothing is written when the input is rejected up front");
    }
}
