using System.Text;
using DeviceWatch.EndToEnd.Tests.Infrastructure;
using DeviceWatch.Synth.Frames;
using DeviceWatch.Synth.Lab;

namespace DeviceWatch.EndToEnd.Tests.CommandLine;

/// <summary>A payload decoded only up to a limit is still searched, and the summary says how many were.</summary>
public sealed class AnalyzeDecodeLimitTests
{
    [Fact]
    public void Analyze_PayloadOverTheNodeLimit_CountedInTheSummaryAndTheDecodedPartStillSearched()
    {
        using var dir = new TempDirectory();

        // 25,000 array items: over the 20,000-node limit. The phone number comes first, inside the decoded part.
        var body = new StringBuilder("{\"phone\":\"13812345678\",\"samples\":[");
        body.AppendJoin(',', Enumerable.Repeat('7', 25_000)).Append("]}");
        var device = new LabDevice
        {
            Id = "big-body",
            Mac = MacAddress.Parse("02:00:5e:10:00:41"),
            HostName = "big-body",
            Activities =
            [
                new HttpActivity { Host = "upload.example", Interval = TimeSpan.FromSeconds(60), PathTemplate = "/big", BodyTemplate = body.ToString() },
                new HttpActivity { Host = "small.example", Interval = TimeSpan.FromSeconds(60), PathTemplate = "/small", BodyTemplate = "{\"seq\":{seq}}" },
            ],
        };
        var capture = dir.File("big.pcapng");
        new LabScenario(new LabScenarioOptions { Devices = [device], Duration = TimeSpan.FromMinutes(3) }).WriteFile(capture);

        var (code, stdout, stderr) = DeviceWatchCli.Run("analyze", capture, "--out", dir.File("out"));

        Assert.True(code == 0, stderr);
        var line = Assert.Single(stdout.Split('\n'), l => l.StartsWith("Payloads searched only in part", StringComparison.Ordinal));
        var bigPosts = File.ReadLines(dir.File("out/http.jsonl")).Count(l => l.Contains("\"uri\":\"/big\"", StringComparison.Ordinal));
        var allPosts = File.ReadLines(dir.File("out/http.jsonl")).Count(l => l.Contains("\"method\":\"POST\"", StringComparison.Ordinal));
        Assert.True(bigPosts > 0 && allPosts > bigPosts, $"{bigPosts} big of {allPosts} posts");
        Assert.Contains($"20,000 nodes, depth 24, 4 MB decoded or time): {bigPosts} of {allPosts}", line, StringComparison.Ordinal);
        Assert.Contains(File.ReadLines(dir.File("out/observations.jsonl")), l => l.Contains("\"data_type\":\"contact.phone\"", StringComparison.Ordinal));
    }
}
