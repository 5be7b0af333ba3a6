using System.Text;
using System.Text.Json;
using DeviceWatch.Reports.Diff;
using static DeviceWatch.Reports.Tests.Diff.DiffSamples;

namespace DeviceWatch.Reports.Tests.Diff;

public sealed class DiffOutputTests : IDisposable
{
    private const string Gps = "gps.tracker-cloud.example";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "dw-diff-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private static DiffDocument FirmwareUpdate() => Compute(
        Doc(Tracker(findings: [Finding("transport.cleartext", "location.gps", Gps, "medium")])),
        Doc(Tracker(
            destinations: [Destination(Gps, "first"), Destination("stats.analytics.example", "third")],
            observations: [DiffSamples.Gps(perHour: 60, precision: 0.11), Observation("location.wifi", Gps)],
            findings: [Finding("item3.high-frequency", "location.gps", Gps), Finding("transport.cleartext", "location.gps", Gps, "medium")])));

    [Fact]
    public void DiffJson_FirmwareUpdate_HasDocumentedFields()
    {
        using var json = JsonDocument.Parse(DiffJson.Serialize(FirmwareUpdate()));
        var root = json.RootElement;
        Assert.Equal(["generator", "before", "after", "tolerance", "changes", "regressions", "devices", "devices_added", "devices_removed"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("before/findings.json", root.GetProperty("before").GetProperty("source").GetString());
        Assert.Equal(0.1, root.GetProperty("tolerance").GetDouble());
        Assert.Equal(3, root.GetProperty("regressions").GetInt32());
        var device = Assert.Single(root.GetProperty("devices").EnumerateArray().ToArray());
        Assert.Equal(
            ["id", "mac", "before_id", "changes", "regressions", "destinations_added", "destinations_removed", "party_changes",
             "data_types_added", "data_types_removed", "metric_changes", "findings_added", "findings_removed", "severity_changes"],
            device.EnumerateObject().Select(p => p.Name));
        var destination = Assert.Single(device.GetProperty("destinations_added").EnumerateArray().ToArray());
        Assert.Equal(("stats.analytics.example", "third", true),
            (destination.GetProperty("host").GetString(), destination.GetProperty("party").GetString(), destination.GetProperty("regression").GetBoolean()));
        var metrics = device.GetProperty("metric_changes").EnumerateArray()
            .Select(m => (m.GetProperty("metric").GetString(), m.GetProperty("before").GetDouble(), m.GetProperty("after").GetDouble(), m.GetProperty("change").GetDouble(), m.GetProperty("worse").GetBoolean()))
            .ToArray();
        Assert.Equal([("per_hour_max", 30.0, 60.0, 1.0, true), ("finest_precision_m", 11.1, 0.11, -0.9901, true)], metrics);
        Assert.Equal("item3.high-frequency", Assert.Single(device.GetProperty("findings_added").EnumerateArray().ToArray()).GetProperty("rule").GetString());
        Assert.Equal("location.wifi", Assert.Single(device.GetProperty("data_types_added").EnumerateArray().ToArray()).GetProperty("data_type").GetString());
    }

    [Fact]
    public void DiffJson_Twice_IsByteIdenticalWithLfAndFinalNewline()
    {
        var first = DiffJson.Serialize(FirmwareUpdate());
        Assert.Equal(first, DiffJson.Serialize(FirmwareUpdate()));
        var text = Encoding.UTF8.GetString(first);
        Assert.DoesNotContain('\r', text);
        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void DiffMarkdown_FirmwareUpdate_MarksRegressionsAndListsEverySection()
    {
        var md = DiffMarkdown.Render(FirmwareUpdate());
        Assert.Contains("3 regression(s)", md, StringComparison.Ordinal);
        Assert.Contains("### Destinations added\n\n- ⚠ `stats.analytics.example` (third party)", md, StringComparison.Ordinal);
        Assert.Contains("- ⚠ location.wifi → `gps.tracker-cloud.example`", md, StringComparison.Ordinal);
        Assert.Contains("| location.gps | gps.tracker-cloud.example | per_hour_max | 30 | 60 | +100% (worse) |", md, StringComparison.Ordinal);
        Assert.Contains("- ⚠ **high** `item3.high-frequency` · location.gps → `gps.tracker-cloud.example`", md, StringComparison.Ordinal);
        Assert.DoesNotContain("Findings removed", md, StringComparison.Ordinal);
    }

    [Fact]
    public void DiffMarkdownAndSummary_EmptyDiff_SayNoDifferences()
    {
        var diff = Compute(Doc(Tracker()), Doc(Tracker()));
        Assert.Contains("**No differences.**", DiffMarkdown.Render(diff), StringComparison.Ordinal);
        Assert.Equal("tracker-01: no differences\nNo differences.\n", DiffMarkdown.Summary(diff));
    }

    [Fact]
    public void DiffSummary_FirmwareUpdate_OneLinePerDeviceAndTotal()
    {
        Assert.Equal(
            "tracker-01: 1 destination(s) added (1 third-party), 1 data type(s) added, 2 metric change(s) (2 worse), 1 finding(s) added\n" +
            "5 difference(s), 3 regression(s).\n",
            DiffMarkdown.Summary(FirmwareUpdate()));
    }

    [Fact]
    public void DiffFolder_Write_CreatesBothFiles()
    {
        DiffFolder.Write(_dir, FirmwareUpdate());
        Assert.Equal(DiffJson.Serialize(FirmwareUpdate()), File.ReadAllBytes(Path.Combine(_dir, "diff.json")));
        Assert.StartsWith("# DeviceWatch diff", File.ReadAllText(Path.Combine(_dir, "diff.md")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"devices\": [")]
    [InlineData("not json at all")]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("{\"devices\": {}}")]
    [InlineData("{\"devices\": [{\"id\": 5}]}")]
    public void FindingsInput_Garbled_ThrowsNamingTheFile(string text)
    {
        var ex = Assert.Throws<InvalidDataException>(() => FindingsInput.Parse(Encoding.UTF8.GetBytes(text), "/runs/1.0/findings.json"));
        Assert.StartsWith("/runs/1.0/findings.json: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FindingsInput_RealFindingsJson_ReadsEveryDevice()
    {
        var bytes = DeviceWatch.Analysis.Rules.FindingsJson.Serialize(Tests.SmallLab.Run(Tests.SmallLab.Profiles()));
        var doc = FindingsInput.Parse(bytes, "x");
        Assert.Equal(3, doc.Devices.Count);
        Assert.Equal("x", FindingsInput.Side(doc, "x").Source);
    }
}
