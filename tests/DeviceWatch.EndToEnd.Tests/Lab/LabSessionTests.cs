using System.Globalization;
using System.Text.Json;
using DeviceWatch.Analysis.Profiles;
using DeviceWatch.Cli.Commands;
using DeviceWatch.EndToEnd.Tests.Infrastructure;

namespace DeviceWatch.EndToEnd.Tests.Lab;

/// <summary>
/// The lab daemon end to end in network namespaces: a device posts JSON locations over HTTP through the gateway
/// where a <see cref="RunSession"/> captures live on the LAN veth. Needs root, ip, nginx, curl and tshark; a missing
/// tool fails the test.
/// </summary>
public sealed class LabSessionTests
{
    [Fact]
    public async Task RunSession_DevicePostsLocations_RotatedCapturesReplayToSameFindings()
    {
        using var temp = new TempDirectory();
        using var lab = new LabNetwork();
        using var web = new CloudWebServer(lab.Cloud, temp.File("nginx"));
        var output = temp.File("live");
        var settings = new RunSettings
        {
            Output = output,
            Profiles = DeviceWatchCli.Profiles,
            SummaryIntervalSeconds = 1,
            FindingsRefreshSeconds = 1,
            Control = temp.File("control.sock"),
            Capture = new RunCaptureSettings { Interfaces = [lab.GwLan], Filter = "ip", RotateSeconds = 1, RotateMb = 0 },
        };
        Assert.Empty(RunSettingsValidator.Validate(settings));
        var profiles = ProfileLoader.Load(DeviceWatchCli.Profiles).Profiles!;
        using var log = new StringWriter(CultureInfo.InvariantCulture);
        using var session = new RunSession(settings, profiles, TextWriter.Synchronized(log));
        LabNetwork.RunInside(lab.Gw, session.Start);

        // 1. The device: wait for nginx, then a location every ~0.7 s so the capture rotates.
        WaitForServer(lab);
        for (var i = 0; i < 5; i++)
        {
            var body = string.Create(CultureInfo.InvariantCulture, $"{{\"device\":\"watch\",\"lat\":48.85{i}371,\"lon\":2.29{i}412,\"acc\":5}}");
            LabNetwork.Exec(lab.Dev, "curl", "-sS", "-m", "5", "-o", "/dev/null", "--resolve", $"gps.kidwatch.test:80:{LabNetwork.CloudAddress}",
                "-H", "Content-Type: application/json", "-d", body, "http://gps.kidwatch.test/api/v1/location");
            Thread.Sleep(700);
        }

        Thread.Sleep(300);
        var profiled = profiles.Devices[0].Id;
        Assert.Equal("ok", await RunControlServer.SendAsync(settings.Control, $"tag\t{profiled}\tidle\t", TimeSpan.FromSeconds(5)));
        Assert.StartsWith("error: no profile", await RunControlServer.SendAsync(settings.Control, "tag\tno-such-device\tidle\t", TimeSpan.FromSeconds(5)), StringComparison.Ordinal);
        // The findings file is refreshed while the session runs (before any stop).
        var refreshed = Path.Combine(output, "findings.json");
        for (var wait = 0; wait < 30 && !File.Exists(refreshed); wait++)
        {
            Thread.Sleep(100);
        }

        var liveDocument = System.Text.Json.JsonDocument.Parse(File.ReadAllText(refreshed)).RootElement;
        Assert.Contains(liveDocument.GetProperty("devices").EnumerateArray(), d => d.GetProperty("observations").GetArrayLength() > 0);
        var document = session.Stop();
        using (var store = DeviceWatch.Store.Session.SessionStore.Open(Path.Combine(output, "session.db")))
        {
            Assert.Contains(store.LoadPhases(), p => p.Device == profiled && p.State == "idle" && p.To > p.From);
        }

        // 2. Rotated captures exist and tshark reads every one.
        var captures = Directory.GetFiles(session.CaptureFolder, "*.pcap");
        Assert.True(captures.Length >= 2, $"expected rotated captures, found {captures.Length}: {log}");
        foreach (var capture in captures)
        {
            var (code, stdout, stderr) = ExternalTool.Run("tshark", ["-r", capture, "-q", "-z", "io,stat,0"]);
            Assert.True(code == 0, $"tshark -r {capture}: {stderr}");
            Assert.Contains("Frames", stdout, StringComparison.Ordinal);
        }

        // 3. Live outputs: GPS observations, findings, drop counters, nothing dropped at this rate.
        var observations = File.ReadAllLines(Path.Combine(output, "observations.jsonl"));
        Assert.Contains(observations, line => line.Contains("\"data_type\":\"location.gps\"", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(output, "findings.json")));
        Assert.True(File.Exists(Path.Combine(output, "session.db")));
        using (var stats = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output, "capture-stats.json"))))
        {
            var iface = stats.RootElement.GetProperty("interfaces")[0];
            Assert.Equal(lab.GwLan, iface.GetProperty("name").GetString());
            Assert.Equal(0, iface.GetProperty("pipeline_dropped").GetInt64());
            Assert.Equal(0, iface.GetProperty("kernel_dropped").GetInt64());
            Assert.True(iface.GetProperty("delivered").GetInt64() >= 50);
        }

        var live = FindingKeys(Path.Combine(output, "findings.json"));
        Assert.Contains(live, key => key.StartsWith("transport.cleartext|location.gps|gps.kidwatch.test", StringComparison.Ordinal));
        Assert.Contains("[live]", log.ToString(), StringComparison.Ordinal);
        Assert.NotEmpty(document.AllFindings);

        // 4. Replaying the rotated captures with analyze gives the same findings.
        var replay = temp.File("replay");
        var result = DeviceWatchCli.Run("analyze", session.CaptureFolder, "--profiles", DeviceWatchCli.Profiles, "--out", replay, "--quiet");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(live, FindingKeys(Path.Combine(replay, "findings.json")));
    }

    private static void WaitForServer(LabNetwork lab)
    {
        for (var i = 0; i < 50; i++)
        {
            var (code, _, _) = ExternalTool.Run("ip", ["netns", "exec", lab.Cloud, "curl", "-s", "-o", "/dev/null", "-m", "1", $"http://{LabNetwork.CloudAddress}/"]);
            if (code == 0)
            {
                return;
            }

            Thread.Sleep(100);
        }

        Assert.Fail("nginx in the cloud namespace did not answer");
    }

    private static List<string> FindingKeys(string findingsJson)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(findingsJson));
        var keys = new List<string>();
        foreach (var device in document.RootElement.GetProperty("devices").EnumerateArray())
        {
            foreach (var finding in device.GetProperty("findings").EnumerateArray())
            {
                keys.Add($"{finding.GetProperty("rule").GetString()}|{finding.GetProperty("data_type").GetString()}|{finding.GetProperty("destination").GetString()}|{finding.GetProperty("severity").GetString()}|{device.GetProperty("id").GetString()}");
            }
        }

        keys.Sort(StringComparer.Ordinal);
        return keys;
    }
}
