using System.Text.Json;
using System.Xml.Linq;

namespace DeviceWatch.EndToEnd.Tests.Diff;

/// <summary>
/// <c>devicewatch diff</c> on two real analyze runs of firmware 1.0 and 1.1 of one device (see <see cref="FirmwareLab"/>),
/// run as a process like a vendor's pipeline would.
/// </summary>
public sealed class DiffCommandTests(FirmwareLab lab) : IClassFixture<FirmwareLab>
{
    private string Out(string name) => Path.Combine(lab.Root, "diff-" + name);

    private static JsonElement Device(JsonDocument diff) => Assert.Single(diff.RootElement.GetProperty("devices").EnumerateArray().ToArray());

    private static string[] Strings(JsonElement device, string list, params string[] fields) =>
        device.GetProperty(list).EnumerateArray().Select(e => string.Join(" ", fields.Select(f => e.GetProperty(f).ToString()))).ToArray();

    [Fact]
    public void Diff_Firmware10To11_ReportsExactlyTheChangesAndExits3()
    {
        var (exit, stdout, stderr) = FirmwareLab.Run("diff", lab.Before, lab.After, "--out", Out("fw"), "--fail-on-regression");
        var text = File.ReadAllText(Path.Combine(Out("fw"), "diff.json"));
        Assert.True(exit == 3, $"exit {exit}\n{stdout}\n{stderr}\n{text}");
        using var diff = JsonDocument.Parse(text);
        var device = Device(diff);
        Assert.Equal(FirmwareLab.DeviceId, device.GetProperty("id").GetString());

        // The analytics host is new and third-party; nothing else about destinations changed.
        Assert.Equal([$"{FirmwareLab.AnalyticsHost} third True"], Strings(device, "destinations_added", "host", "party", "regression"));
        Assert.Empty(Strings(device, "destinations_removed", "host"));
        Assert.Empty(Strings(device, "party_changes", "host"));

        // Wi-Fi scans are new, in the GPS upload; no data type went away.
        Assert.Equal([$"location.wifi {FirmwareLab.GpsHost} True"], Strings(device, "data_types_added", "data_type", "destination", "regression"));
        Assert.Empty(Strings(device, "data_types_removed", "data_type"));

        // GPS twice as often and finer; its continuous span is the same test length.
        var metrics = device.GetProperty("metric_changes").EnumerateArray().ToArray();
        Assert.Equal([$"location.gps {FirmwareLab.GpsHost} per_hour_max True", $"location.gps {FirmwareLab.GpsHost} finest_precision_m True"],
            Strings(device, "metric_changes", "data_type", "destination", "metric", "worse"));
        var perHour = metrics[0];
        Assert.Equal(2.0, perHour.GetProperty("after").GetDouble() / perHour.GetProperty("before").GetDouble(), 1);
        var precision = metrics[1];
        Assert.True(precision.GetProperty("after").GetDouble() < precision.GetProperty("before").GetDouble() / 50, precision.ToString());

        // Findings that appeared are those the three changes cause; none disappeared.
        Assert.Equal(ExpectedFindingsAdded, Strings(device, "findings_added", "rule", "data_type", "destination").Order(StringComparer.Ordinal));
        Assert.Empty(Strings(device, "findings_removed", "rule"));
        Assert.Empty(Strings(device, "severity_changes", "rule"));

        Assert.Equal(2 + ExpectedFindingsAdded.Length, diff.RootElement.GetProperty("regressions").GetInt32());
        Assert.Contains($"{FirmwareLab.DeviceId}: 1 destination(s) added (1 third-party), 1 data type(s) added, 2 metric change(s) (2 worse), {ExpectedFindingsAdded.Length} finding(s) added", stdout, StringComparison.Ordinal);
        var md = File.ReadAllText(Path.Combine(Out("fw"), "diff.md"));
        Assert.Contains($"⚠ `{FirmwareLab.AnalyticsHost}` (third party)", md, StringComparison.Ordinal);
    }

    private static readonly string[] ExpectedFindingsAdded =
    [
        $"item3.high-frequency location.gps {FirmwareLab.GpsHost}",
        $"item3.high-precision location.gps {FirmwareLab.GpsHost}",
        $"item3.undeclared location.wifi {FirmwareLab.GpsHost}",
        $"transport.cleartext location.wifi {FirmwareLab.GpsHost}",
    ];

    [Fact]
    public void Diff_WithoutFailOnRegression_Exits0()
    {
        var (exit, stdout, stderr) = FirmwareLab.Run("diff", lab.Before, lab.After, "--out", Out("nogate"), "--quiet");
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.Equal("", stdout);
        Assert.True(File.Exists(Path.Combine(Out("nogate"), "diff.md")));
    }

    [Theory]
    [InlineData("before")]
    [InlineData("after")]
    public void Diff_SessionWithItself_IsEmptyAndExits0(string side)
    {
        var folder = side == "before" ? lab.Before : lab.After;
        var (exit, stdout, stderr) = FirmwareLab.Run("diff", folder, Path.Combine(folder, "session.db"), "--out", Out("self-" + side), "--fail-on-regression");
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        using var diff = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Out("self-" + side), "diff.json")));
        Assert.Equal((0, 0), (diff.RootElement.GetProperty("changes").GetInt32(), diff.RootElement.GetProperty("regressions").GetInt32()));
        Assert.Equal(0, Device(diff).GetProperty("changes").GetInt32());
        Assert.Contains("No differences.", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_SessionDbInputs_GiveTheSameDifferencesAsFolders()
    {
        FirmwareLab.Run("diff", lab.Before, lab.After, "--out", Out("folders"));
        var (exit, _, stderr) = FirmwareLab.Run("diff", Path.Combine(lab.Before, "session.db"), Path.Combine(lab.After, "session.db"), "--out", Out("dbs"));
        Assert.True(exit == 0, stderr);
        using var folders = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Out("folders"), "diff.json")));
        using var dbs = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Out("dbs"), "diff.json")));
        Assert.Equal(Device(folders).ToString(), Device(dbs).ToString());
    }

    [Fact]
    public void Diff_LargeTolerance_HidesTheMetricChanges()
    {
        var (exit, _, stderr) = FirmwareLab.Run("diff", lab.Before, lab.After, "--out", Out("tolerant"), "--tolerance", "100000");
        Assert.True(exit == 0, stderr);
        using var diff = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Out("tolerant"), "diff.json")));
        Assert.Empty(Device(diff).GetProperty("metric_changes").EnumerateArray());
        Assert.Equal(1000.0, diff.RootElement.GetProperty("tolerance").GetDouble());
    }

    [Fact]
    public void Diff_DifferentDevices_Exits2NamingTheFiles()
    {
        var (exit, _, stderr) = FirmwareLab.Run("diff", lab.Before, lab.OtherDevice, "--out", Out("mismatch"), "--fail-on-regression");
        Assert.Equal(2, exit);
        Assert.Contains("no device in common", stderr, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(lab.OtherDevice, "findings.json"), stderr, StringComparison.Ordinal);
        Assert.Contains(FirmwareLab.DeviceId, stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Out("mismatch")));
    }

    [Theory]
    [InlineData("garbled.json", "{\"devices\": [", "not a readable findings document")]
    [InlineData("other.json", "{\"hello\": 1}", "not a DeviceWatch findings document")]
    [InlineData("fake.db", "SQLite format 3\0 but not really a database, just bytes", "session")]
    [InlineData("empty.json", "", "not a readable findings document")]
    public void Diff_UnreadableFile_Exits2NamingIt(string name, string content, string problem)
    {
        var path = Path.Combine(lab.Root, name);
        File.WriteAllText(path, content);
        var (exit, _, stderr) = FirmwareLab.Run("diff", lab.Before, path, "--out", Out("bad-" + name));
        Assert.True(exit == 2, stderr);
        Assert.Contains(path, stderr, StringComparison.Ordinal);
        Assert.Contains(problem, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_MissingInputOrFolderWithoutOutputs_Exits2()
    {
        var missing = Path.Combine(lab.Root, "no-such-run");
        var (exit, _, stderr) = FirmwareLab.Run("diff", missing, lab.After);
        Assert.Equal((2, true), (exit, stderr.Contains(missing + ": no such file or folder", StringComparison.Ordinal)));
        (exit, _, stderr) = FirmwareLab.Run("diff", lab.Before, lab.Profiles);
        Assert.Equal((2, true), (exit, stderr.Contains("neither findings.json nor session.db", StringComparison.Ordinal)));
    }
}
