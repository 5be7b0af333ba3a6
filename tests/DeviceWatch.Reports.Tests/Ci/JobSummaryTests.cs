using System.Text;
using DeviceWatch.Analysis.Rules;
using DeviceWatch.Reports.Ci;
using DeviceWatch.Reports.Model;

namespace DeviceWatch.Reports.Tests.Ci;

public sealed class JobSummaryTests
{
    private static byte[] LabJson() => FindingsJson.Serialize(SmallLab.Run(SmallLab.Profiles()));

    [Fact]
    public void Render_FindingsAtThreshold_SaysFailedAndListsThem()
    {
        var doc = ReportDocumentReader.Read(LabJson());
        var high = doc.Devices.SelectMany(d => d.Findings).Count(f => f.Severity == "high");
        var all = doc.Devices.Sum(d => d.Findings.Count);
        var md = JobSummary.Render(LabJson(), "high");
        Assert.StartsWith($"## DeviceWatch: ❌ failed — {high} finding(s) at or above high ({all} in total)\n", md, StringComparison.Ordinal);
        Assert.Equal(Math.Min(high, JobSummary.MaxListed), md.Split('\n').Count(l => l.StartsWith("- **high**", StringComparison.Ordinal)));
        Assert.DoesNotContain("- **low**", md, StringComparison.Ordinal);
        foreach (var device in doc.Devices)
        {
            Assert.Contains($"| {device.Id} | {device.Findings.Count(f => f.Severity == "high")} |", md, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Render_NoFindingAtThreshold_SaysPassed()
    {
        var md = JobSummary.Render("""{"generator":"g","captures":["a.pcapng"],"devices":[{"id":"lock-01","mac":"m","findings":[{"rule":"tls.pinned","severity":"low","message":"pinned"}]}]}"""u8, "medium");
        Assert.StartsWith("## DeviceWatch: ✅ passed — no finding at or above medium (1 in total)\n", md, StringComparison.Ordinal);
        Assert.DoesNotContain("### Findings", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WithoutThreshold_ListsEveryFinding()
    {
        var all = ReportDocumentReader.Read(LabJson()).Devices.Sum(d => d.Findings.Count);
        var md = JobSummary.Render(LabJson(), null);
        Assert.StartsWith($"## DeviceWatch: {all} finding(s)\n", md, StringComparison.Ordinal);
        Assert.Equal(Math.Min(all, JobSummary.MaxListed), md.Split('\n').Count(l => l.StartsWith("- **", StringComparison.Ordinal)));
    }

    [Fact]
    public void Render_ManyFindings_ListsTheFirstAndCountsTheRest()
    {
        var findings = string.Join(",", Enumerable.Range(0, 25).Select(i => $$"""{"rule":"party.third-party","data_type":"id.mac","destination":"h{{i}}.example","severity":"high","message":"m{{i}}"}"""));
        var json = Encoding.UTF8.GetBytes($$"""{"generator":"g","captures":[],"devices":[{"id":"d","mac":"m","findings":[{{findings}}]}]}""");
        var md = JobSummary.Render(json, "low");
        Assert.Equal(JobSummary.MaxListed, md.Split('\n').Count(l => l.StartsWith("- **high**", StringComparison.Ordinal)));
        Assert.Contains("- … and 5 more", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_WritesTheRenderedSummary()
    {
        var path = Path.Combine(Path.GetTempPath(), "dw-summary-" + Guid.NewGuid().ToString("N"), "summary.md");
        try
        {
            JobSummary.Write(path, LabJson(), "high");
            Assert.Equal(JobSummary.Render(LabJson(), "high"), File.ReadAllText(path));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }
}
