using System.Text.Json;
using DeviceWatch.EndToEnd.Tests.Infrastructure;

namespace DeviceWatch.EndToEnd.Tests.CommandLine;

/// <summary>The bundled demo lab through the real CLI: outputs, exit codes, masking, determinism, --from-session.</summary>
public sealed class AnalyzeDemoTests
{
    [Fact]
    public void Analyze_Demo_WritesEveryContractFile()
    {
        using var dir = new TempDirectory();
        var (code, stdout, stderr) = DeviceWatchCli.Run("analyze", DeviceWatchCli.DemoCapture, "--profiles", DeviceWatchCli.Profiles, "--out", dir.Path);

        Assert.True(code == 0, stderr);
        foreach (var file in new[] { "conn.jsonl", "dns.jsonl", "dhcp.jsonl", "tls.jsonl", "http.jsonl", "mqtt.jsonl", "devices.json", "observations.jsonl", "findings.json", "report.html", "report.md", "session.db" })
        {
            Assert.True(File.Exists(dir.File(file)), file + " missing");
        }

        Assert.Contains("Devices: 5", stdout);
        Assert.Contains("Flows per protocol:", stdout);
        var devices = JsonDocument.Parse(File.ReadAllText(dir.File("devices.json"))).RootElement;
        Assert.Equal(["camera-01", "kids-watch-01", "lock-01", "speaker-01", "tablet-01"],
            devices.EnumerateArray().Select(d => d.GetProperty("id").GetString()!).Order(StringComparer.Ordinal));
        var first = JsonDocument.Parse(File.ReadLines(dir.File("conn.jsonl")).First()).RootElement;
        foreach (var field in new[] { "uid", "ts", "proto", "orig_h", "orig_p", "resp_h", "resp_p", "device", "service", "duration", "orig_bytes", "resp_bytes", "orig_pkts", "resp_pkts", "state", "missed_bytes", "server_name" })
        {
            Assert.True(first.TryGetProperty(field, out _), "conn.jsonl lacks " + field);
        }
    }

    [Fact]
    public void Analyze_Demo_FindingsEqualGolden()
    {
        using var dir = new TempDirectory();
        var (code, _, stderr) = DeviceWatchCli.Run("analyze", DeviceWatchCli.DemoCapture, "--profiles", DeviceWatchCli.Profiles, "--out", dir.Path, "-q");
        Assert.True(code == 0, stderr);

        var actual = File.ReadAllText(dir.File("findings.json"));
        var golden = Path.Combine(RepositoryPaths.Root, "tests", "DeviceWatch.EndToEnd.Tests", "Golden", "demo-lab.findings.json");
        if (Environment.GetEnvironmentVariable("DW_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(golden, actual);
        }

        Assert.Equal(File.ReadAllText(golden).Split('\n'), actual.Split('\n'));
    }

    [Fact]
    public void Analyze_DemoWithFailOnHigh_Exit3()
    {
        using var dir = new TempDirectory();
        var (code, _, _) = DeviceWatchCli.Run("analyze", DeviceWatchCli.DemoCapture, "--profiles", DeviceWatchCli.Profiles, "--out", dir.Path, "--fail-on", "high", "-q");

        Assert.Equal(3, code);
    }

    [Fact]
    public void Analyze_Demo_WellBehavedLockHasNoFindings()
    {
        using var dir = new TempDirectory();
        DeviceWatchCli.Run("analyze", DeviceWatchCli.DemoCapture, "--profiles", DeviceWatchCli.Profiles, "--out", dir.Path, "-q");

        var findings = JsonDocument.Parse(File.ReadAllText(dir.File("findings.json"))).RootElement;
        var devices = findings.GetProperty("devices").EnumerateArray().ToDictionary(d => d.GetProperty("id").GetString()!, d => d);
        Assert.Equal(0, devices["lock-01"].GetProperty("findings").GetArrayLength());
        var watchRules = devices["kids-watch-01"].GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("rule").GetString()).ToHashSet();
        Assert.Contains("item3.high-frequency", watchRules);
        Assert.Contains("item3.high-precision", watchRules);
        Assert.Contains("item3.background-no-notice", watchRules);
        Assert.Contains("transport.cleartext", watchRules);
        var tabletRules = devices["tablet-01"].GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("rule").GetString()).ToHashSet();
        Assert.Contains("party.third-party", tabletRules);
    }

    [Fact]
    public void Analyze_Demo_MasksValuesUnlessShowValues()
    {
        using var masked = new TempDirectory();
        using var shown = new TempDirectory();
        DeviceWatchCli.Run("analyze", DeviceWatchCli.DemoCapture, "--profiles", DeviceWatchCli.Profiles, "--out", masked.Path, "-q");
        DeviceWatchCli.Run("analyze", DeviceWatchCli.DemoCapture, "--profiles", DeviceWatchCli.Profiles, "--out", shown.Path, "-q", "--show-values");

        const string imei = "356938035643809";
        foreach (var file in new[] { "observations.jsonl", "findings.json", "report.html", "report.md" })
        {
            Assert.DoesNotContain(imei, File.ReadAllText(masked.File(file)));
        }

        Assert.Contains(imei, File.ReadAllText(shown.File("observations.jsonl")));
    }

    [Fact]
    public void Analyze_TwoRuns_ByteIdenticalOutputs()
    {
        using var a = new TempDirectory();
        using var b = new TempDirectory();
        DeviceWatchCli.Run("analyze", DeviceWatchCli.DemoCapture, "--profiles", DeviceWatchCli.Profiles, "--out", a.Path, "-q");
        DeviceWatchCli.Run("analyze", DeviceWatchCli.DemoCapture, "--profiles", DeviceWatchCli.Profiles, "--out", b.Path, "-q");

        foreach (var file in new[] { "findings.json", "conn.jsonl", "http.jsonl", "observations.jsonl", "devices.json", "report.html" })
        {
            Assert.True(File.ReadAllBytes(a.File(file)).AsSpan().SequenceEqual(File.ReadAllBytes(b.File(file))), file + " differs between runs");
        }
    }

    [Fact]
    public void Analyze_FromSession_SameFindingsAsFullRun()
    {
        using var full = new TempDirectory();
        using var rerun = new TempDirectory();
        DeviceWatchCli.Run("analyze", DeviceWatchCli.DemoCapture, "--profiles", DeviceWatchCli.Profiles, "--out", full.Path, "-q");

        var (code, _, stderr) = DeviceWatchCli.Run("analyze", "--from-session", full.File("session.db"), "--profiles", DeviceWatchCli.Profiles, "--out", rerun.Path, "-q");

        Assert.True(code == 0, stderr);
        Assert.Equal(File.ReadAllText(full.File("findings.json")), File.ReadAllText(rerun.File("findings.json")));
    }

    [Fact]
    public void ProfilesCheck_RepositoryProfiles_Valid()
    {
        var (code, stdout, stderr) = DeviceWatchCli.Run("profiles", "check", DeviceWatchCli.Profiles);

        Assert.True(code == 0, stderr);
        Assert.Contains("valid", stdout);
    }

    [Fact]
    public void Help_ListsEveryCommand()
    {
        var (code, stdout, _) = DeviceWatchCli.Run("--help");

        Assert.Equal(0, code);
        foreach (var command in new[] { "analyze", "profiles", "synth" })
        {
            Assert.Contains(command, stdout);
        }
    }
}
