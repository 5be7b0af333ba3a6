using System.Globalization;
using System.Text.Json;
using DeviceWatch.EndToEnd.Tests.Infrastructure;
using DeviceWatch.Store.Session;

namespace DeviceWatch.EndToEnd.Tests.Lab;

/// <summary>
/// <c>kill -9</c> of <c>devicewatch run</c> in the middle of a session: the session store still opens, every capture
/// file before the last rotation is complete and the last one is readable up to its last flush, and <c>analyze</c>
/// reads the folder. Needs root, ip, nginx, curl and tshark; a missing tool fails the test.
/// </summary>
public sealed class LabCrashTests
{
    [Fact]
    public void Run_KilledWithSigkill_StoreOpensAndRotatedCapturesReadable()
    {
        using var temp = new TempDirectory();
        using var lab = new LabNetwork(("watch", "02:00:5e:10:00:01"));
        using var web = new CloudWebServer(lab.Cloud, temp.File("nginx"));
        var output = temp.File("live");
        var config = temp.File("run.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new
        {
            Output = output,
            Profiles = DeviceWatchCli.Profiles,
            SummaryIntervalSeconds = 1,
            Control = temp.File("control.sock"),
            Capture = new { Interfaces = new[] { lab.GwLan }, Filter = "ip", RotateSeconds = 1, RotateMb = 0, FlushSeconds = 1 },
        }));

        using var daemon = new RunDaemonProcess(lab.Gw, config);
        daemon.WaitStarted(TimeSpan.FromSeconds(30));
        for (var i = 0; i < 6; i++)
        {
            var body = string.Create(CultureInfo.InvariantCulture, $"{{\"lat\":48.85{i}371,\"lon\":2.29{i}412}}");
            LabNetwork.Exec(lab.Dev, "curl", "-sS", "-m", "5", "-o", "/dev/null", "-H", "Content-Type: application/json", "-d", body,
                $"http://{LabNetwork.CloudAddress}/api/v1/location");
            Thread.Sleep(500);
        }

        Thread.Sleep(1200); // one flush after the last request
        daemon.Kill();

        // 1. The store opens (SQLite journal recovery) and holds what was committed.
        using (var store = SessionStore.Open(Path.Combine(output, "session.db")))
        {
            Assert.NotNull(store.LoadCaptures());
        }

        // 2. Every rotated file but the last is complete; the last is readable up to its last flush.
        var folder = Assert.Single(Directory.GetDirectories(Path.Combine(output, "captures")));
        var captures = Directory.GetFiles(folder, "*.pcap").Order(StringComparer.Ordinal).ToArray();
        Assert.True(captures.Length >= 3, $"expected rotated captures, found {captures.Length}: {daemon.Log}");
        var frames = 0L;
        for (var i = 0; i < captures.Length; i++)
        {
            var (code, stdout, stderr) = ExternalTool.Run("tshark", ["-r", captures[i], "-T", "fields", "-e", "frame.number"]);
            var complaints = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("Running as user", StringComparison.Ordinal)).ToArray();
            var last = i == captures.Length - 1;
            Assert.True(last || (code == 0 && complaints.Length == 0), $"tshark -r {captures[i]} (closed by rotation): {code} {stderr}");
            Assert.True(!last || code == 0 || complaints.All(c => c.Contains("cut short", StringComparison.Ordinal)), $"tshark -r {captures[i]} (last): {code} {stderr}");
            frames += stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        }

        // Six request/response exchanges of ~10 frames each reached the files.
        Assert.True(frames >= 50, $"only {frames} frames readable after kill -9");

        // 3. analyze reads the crashed session's captures and finds the locations.
        var replay = temp.File("replay");
        var result = DeviceWatchCli.Run("analyze", folder, "--profiles", DeviceWatchCli.Profiles, "--out", replay, "--quiet");
        Assert.True(result.ExitCode is 0 or 3, result.Stderr);
        Assert.Equal(6, File.ReadAllLines(Path.Combine(replay, "observations.jsonl")).Count(l => l.Contains("\"data_type\":\"location.gps\"", StringComparison.Ordinal)));
    }
}
