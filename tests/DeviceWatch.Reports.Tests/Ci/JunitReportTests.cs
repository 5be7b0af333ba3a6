using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using DeviceWatch.Analysis.Rules;
using DeviceWatch.Reports.Ci;
using DeviceWatch.Reports.Model;

namespace DeviceWatch.Reports.Tests.Ci;

public sealed class JunitReportTests : IDisposable
{
    private static readonly string[] Severities = ["low", "medium", "high"];
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "dw-junit-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private static byte[] LabJson() => FindingsJson.Serialize(SmallLab.Run(SmallLab.Profiles()));

    private static int Int(XElement element, string attribute) => int.Parse(element.Attribute(attribute)!.Value, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("low")]
    [InlineData("medium")]
    [InlineData("high")]
    public void Render_SmallLab_CountsMatchTestCasesAndFindingsAtOrAboveThreshold(string threshold)
    {
        var json = LabJson();
        var doc = ReportDocumentReader.Read(json);
        var rank = Array.IndexOf(Severities, threshold);
        var xml = XDocument.Parse(JunitReport.Render(json, threshold));

        var root = xml.Root!;
        Assert.Equal("testsuites", root.Name.LocalName);
        var suites = root.Elements("testsuite").ToList();
        Assert.Equal(doc.Devices.Select(d => d.Id), suites.Select(s => s.Attribute("name")!.Value));
        foreach (var (suite, device) in suites.Zip(doc.Devices))
        {
            var cases = suite.Elements("testcase").ToList();
            var expectedFailures = device.Findings.Count(f => Array.IndexOf(Severities, f.Severity) >= rank);
            Assert.Equal(cases.Count, Int(suite, "tests"));
            Assert.Equal(expectedFailures, Int(suite, "failures"));
            Assert.Equal(expectedFailures, cases.Sum(c => c.Elements("failure").Count()));
            Assert.Equal(device.Findings.Count - expectedFailures, cases.Count(c => c.Element("system-out") is not null));
            Assert.Equal(0, Int(suite, "errors"));
            Assert.All(cases, c => Assert.True(c.Elements("failure").Count() <= 1));
            Assert.All(cases, c => Assert.Equal("devicewatch." + device.Id, c.Attribute("classname")!.Value));
            Assert.Equal(cases.Count, cases.Select(c => c.Attribute("name")!.Value).Distinct().Count());
            Assert.Equal(threshold, suite.Element("properties")!.Elements("property").Single(p => p.Attribute("name")!.Value == "threshold").Attribute("value")!.Value);
            Assert.Equal("2026-03-01T08:00:00", suite.Attribute("timestamp")?.Value[..13] + ":00:00");
        }

        Assert.Equal(suites.Sum(s => Int(s, "tests")), Int(root, "tests"));
        Assert.Equal(doc.Devices.Sum(d => d.Findings.Count(f => Array.IndexOf(Severities, f.Severity) >= rank)), Int(root, "failures"));
    }

    [Fact]
    public void Render_SmallLab_EveryFindingIsOneFailureWithItsMessage()
    {
        var json = LabJson();
        var doc = ReportDocumentReader.Read(json);
        var failures = XDocument.Parse(JunitReport.Render(json, "low")).Descendants("failure").ToList();
        var findings = doc.Devices.SelectMany(d => d.Findings).ToList();
        Assert.NotEmpty(findings);
        Assert.Equal(findings.Select(f => f.Message).Order(StringComparer.Ordinal), failures.Select(f => f.Attribute("message")!.Value).Order(StringComparer.Ordinal));
        Assert.All(failures, f => Assert.Contains("severity: ", f.Value, StringComparison.Ordinal));
    }

    [Fact]
    public void Cases_ProfiledDevice_ChecksDeviceRulesAndEveryRulePerDataType()
    {
        var device = new ReportDevice
        {
            Id = "tracker-01",
            Mac = "02:00:5e:20:00:01",
            Category = "gps-tracker",
            Profile = "devices/tracker-01.yaml",
            Observations = [Obs("location.gps", "a.example"), Obs("location.gps", "b.example"), Obs("opaque", "up.example")],
            Findings =
            [
                Finding("party.third-party", "location.gps", "a.example"),
                Finding("party.third-party", "location.gps", "b.example"),
                Finding("item3.high-frequency", "opaque", "up.example"),
            ],
        };
        var names = JunitReport.Cases(device).Select(c => c.Name).ToList();
        Assert.Equal(
        [
            "item3.no-rules", "tls.accepts-untrusted", "tls.pinned",
            "item3.undeclared location.gps", "item3.non-necessary location.gps", "item3.high-frequency location.gps",
            "item3.high-precision location.gps", "item3.long-duration location.gps", "item3.background-no-notice location.gps",
            "item3.cloud-no-notice location.gps", "transport.cleartext location.gps",
            "party.third-party location.gps → a.example", "party.third-party location.gps → b.example",
            "item3.high-frequency opaque", "item3.long-duration opaque", "item3.background-no-notice opaque",
        ], names);
    }

    [Fact]
    public void Cases_DeviceWithoutProfile_ChecksOnlyProfileFreeRules()
    {
        var device = new ReportDevice { Id = "02:00:5e:20:00:09", Mac = "02:00:5e:20:00:09", Observations = [Obs("id.mac", "x.example")] };
        Assert.Equal(["transport.cleartext id.mac", "party.third-party id.mac", "tls.pinned"], JunitReport.Cases(device).Select(c => c.Name).OrderBy(n => n == "tls.pinned" ? 1 : 0));
    }

    [Fact]
    public void Cases_FindingOfUnknownRule_StillGetsATestCase()
    {
        var device = new ReportDevice { Id = "d", Mac = "m", Findings = [Finding("future.rule", null, "h.example")] };
        var c = Assert.Single(JunitReport.Cases(device), c => c.Finding is not null);
        Assert.Equal(("future.rule", "future.rule"), (c.Name, c.Finding!.Rule));
    }

    [Fact]
    public void CheckedRules_CoverEveryContractRule()
    {
        var covered = CheckedRules.PerDevice.Concat(CheckedRules.PerDataType).ToHashSet();
        Assert.Equal(RuleIds.All.Order(StringComparer.Ordinal), covered.Order(StringComparer.Ordinal));
        Assert.Equal(RuleIds.All, RuleIds.All.OrderBy(CheckedRules.Order));
    }

    [Fact]
    public void Render_ControlCharactersInMessage_StillParses()
    {
        var json = """
            {"generator":"DeviceWatch 0.1.0","captures":[],"start":null,"end":null,"devices":[{"id":"d\u0001","mac":"m","findings":[
             {"rule":"party.third-party","data_type":"id.mac","destination":"x\u0000.example","severity":"high","message":"bad \u0007 byte","evidence":[]}]}]}
            """;
        var xml = XDocument.Parse(JunitReport.Render(Encoding.UTF8.GetBytes(json), "high"));
        Assert.Equal(1, Int(xml.Root!, "failures"));
        Assert.Equal("bad \uFFFD byte", xml.Descendants("failure").Single().Attribute("message")!.Value);
        Assert.Null(xml.Root!.Element("testsuite")!.Attribute("timestamp"));
    }

    [Fact]
    public void Render_NoDevices_IsAnEmptyValidReport()
    {
        var xml = XDocument.Parse(JunitReport.Render("""{"generator":"g","captures":[],"devices":[]}"""u8, "high"));
        Assert.Equal((0, 0), (Int(xml.Root!, "tests"), Int(xml.Root!, "failures")));
        Assert.Empty(xml.Root!.Elements());
    }

    [Theory]
    [InlineData("critical")]
    [InlineData("")]
    public void Render_UnknownThreshold_Throws(string threshold) =>
        Assert.Throws<ArgumentException>(() => JunitReport.Render(LabJson(), threshold));

    [Fact]
    public void Write_CreatesFolderAndWritesUtf8WithoutBom()
    {
        var path = Path.Combine(_dir, "ci", "junit.xml");
        JunitReport.Write(path, LabJson(), "HIGH");
        var bytes = File.ReadAllBytes(path);
        Assert.Equal((byte)'<', bytes[0]);
        Assert.Equal(JunitReport.Render(LabJson(), "high"), Encoding.UTF8.GetString(bytes));
    }

    private static ReportObservation Obs(string dataType, string destination) => new() { DataType = dataType, Destination = destination, Count = 1 };

    private static ReportFinding Finding(string rule, string? dataType, string? destination) =>
        new() { Rule = rule, DataType = dataType, Destination = destination, Severity = "high", Message = $"{rule} {dataType} {destination}" };
}
