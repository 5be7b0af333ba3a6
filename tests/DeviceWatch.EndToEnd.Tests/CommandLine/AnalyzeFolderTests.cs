using System.Text.Json;
using DeviceWatch.EndToEnd.Tests.Infrastructure;
using DeviceWatch.Synth.Lab;
using DeviceWatch.Synth.Writing;

namespace DeviceWatch.EndToEnd.Tests.CommandLine;

/// <summary>A folder argument reads every capture in it, in time order of the first packet (not by name).</summary>
public sealed class AnalyzeFolderTests
{
    [Fact]
    public void Analyze_FolderOfRotatedCaptures_ReadsAllInTimeOrder()
    {
        using var dir = new TempDirectory();
        var captures = Path.Combine(dir.Path, "captures");
        Directory.CreateDirectory(captures);
        var start = new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);
        // Named so that alphabetical order is the reverse of time order; one pcap, one pcapng.
        LabScenario.SmallHome(seed: 5, start: start, duration: TimeSpan.FromMinutes(2)).WriteFile(Path.Combine(captures, "b-late-name.pcap"), CaptureFormat.Pcap);
        LabScenario.SmallHome(seed: 6, start: start.AddHours(1), duration: TimeSpan.FromMinutes(2)).WriteFile(Path.Combine(captures, "a-early-name.pcapng"));
        File.WriteAllText(Path.Combine(captures, "notes.txt"), "not a capture: skipped in a folder");

        var (code, _, stderr) = DeviceWatchCli.Run("analyze", captures, "--out", dir.File("out"), "-q");

        Assert.True(code == 0, stderr);
        // Every flow of each file is there (the files are an hour apart, so no flow spans both).
        var separately = 0;
        foreach (var file in new[] { "b-late-name.pcap", "a-early-name.pcapng" })
        {
            var single = dir.File("single-" + file);
            Assert.Equal(0, DeviceWatchCli.Run("analyze", Path.Combine(captures, file), "--out", single, "-q").ExitCode);
            separately += File.ReadLines(Path.Combine(single, "conn.jsonl")).Count();
        }

        Assert.Equal(separately, File.ReadLines(dir.File("out/conn.jsonl")).Count());
        var findings = JsonDocument.Parse(File.ReadAllText(dir.File("out/findings.json"))).RootElement;
        Assert.Equal(["b-late-name.pcap", "a-early-name.pcapng"], findings.GetProperty("captures").EnumerateArray().Select(c => c.GetString()));
        var http = File.ReadLines(dir.File("out/http.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("ts").GetString()!).ToList();
        Assert.Equal(http.Order(StringComparer.Ordinal), http);
    }
}
