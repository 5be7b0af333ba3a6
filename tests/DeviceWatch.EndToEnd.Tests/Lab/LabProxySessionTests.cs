using System.Globalization;
using System.Text.Json;
using DeviceWatch.EndToEnd.Tests.Infrastructure;
using DeviceWatch.Store.Session;

namespace DeviceWatch.EndToEnd.Tests.Lab;

/// <summary>
/// The lab of issue 6 end to end, with the real CLI: <c>lab up</c> and <c>devicewatch run</c> (live capture on the
/// LAN bridge + transparent proxy) in the <c>gw</c> namespace; nginx (HTTP, HTTPS) and mosquitto (MQTT over TLS) with
/// a test CA in <c>cloud</c>; three devices — a watch (curl HTTP and HTTPS, trusts the lab CA), a speaker
/// (mosquitto_pub over TLS, trusts the lab CA) and a lock (curl trusting only the test CA, so it refuses the lab CA
/// until the proxy passes it through). Stopped with SIGTERM. Needs root, ip, iptables, nginx, mosquitto, curl and
/// tshark; a missing tool fails the test.
/// </summary>
public sealed class LabProxySessionTests
{
    private const string WatchHttpHost = "gps.kidwatch-cloud.example";
    private const string WatchHttpsHost = "api.kidwatch-cloud.example";
    private const string SpeakerHost = "mqtt.speaker-cloud.example";
    private const string LockHost = "api.lock-cloud.example";
    private const int PinningThreshold = 2;

    [Fact]
    public void Run_DevicesThroughTransparentProxy_DecryptsPinsAndStopsCleanly()
    {
        using var temp = new TempDirectory();
        using var lab = new LabNetwork(("watch", "02:00:5e:10:00:01"), ("speaker", "02:00:5e:10:00:02"), ("lock", "02:00:5e:10:00:03"));
        var (watch, speaker, lockDevice) = (lab.Devices[0], lab.Devices[1], lab.Devices[2]);
        lab.ResolveToCloud(WatchHttpHost, WatchHttpsHost, SpeakerHost, LockHost);
        var certificates = new TestCloudCertificates(temp.File("pki"), [WatchHttpHost, WatchHttpsHost, SpeakerHost, LockHost], LabNetwork.CloudAddress);
        using var web = new CloudWebServer(lab.Cloud, temp.File("nginx"), certificates);
        using var broker = new CloudMqttBroker(lab.Cloud, temp.File("mosquitto"), certificates);
        var output = temp.File("live");
        var state = temp.File("state");
        var config = WriteConfig(temp, lab, output, state, certificates.CaFile);
        var natBefore = LabNetwork.Exec(lab.Gw, "iptables", "-t", "nat", "-S");
        var labState = temp.File("lab.state");
        string[] labArguments = ["--lan", lab.GwLan, "--wan", lab.GwWan, "--proxy-port", "8081", "--state-file", labState];
        WaitForCloud(lab, certificates.CaFile);

        // 1. Gateway: lab up (forwarding, NAT, REDIRECT 80/443/8883 → 8081), then the daemon.
        CliInside(lab.Gw, ["lab", "up", .. labArguments]);
        string log;
        try
        {
            using var daemon = new RunDaemonProcess(lab.Gw, config);
            daemon.WaitStarted(TimeSpan.FromSeconds(30));
            var labCa = temp.File("lab-ca.pem");
            CliInside(lab.Gw, ["ca", "export", "--state", state, "--out", labCa]);

            // 2. Devices: a first packet each so the gateway knows their MAC and address, then their traffic.
            foreach (var device in lab.Devices)
            {
                LabNetwork.Try(device.Namespace, "curl", "-s", "-m", "1", "-o", "/dev/null", $"http://{LabNetwork.GatewayAddress}:9/");
            }

            Thread.Sleep(1500);
            for (var i = 0; i < 3; i++)
            {
                var location = string.Create(CultureInfo.InvariantCulture, $"{{\"device\":\"watch\",\"lat\":48.85{i}371,\"lon\":2.29{i}412,\"acc\":5}}");
                Curl(watch, $"http://{WatchHttpHost}/api/v1/location", location);
                Curl(watch, $"https://{WatchHttpsHost}/api/v1/location", location, "--cacert", labCa);
                var telemetry = string.Create(CultureInfo.InvariantCulture, $"{{\"lat\":48.86{i}512,\"lon\":2.35{i}221,\"acc\":8}}");
                LabNetwork.Exec(speaker.Namespace, "mosquitto_pub", "-h", SpeakerHost, "-p", "8883", "--cafile", labCa,
                    "-i", "speaker-01", "-q", "1", "-t", "speaker/telemetry", "-m", telemetry);
                Thread.Sleep(400);
            }

            // The lock trusts only the test CA: refused handshakes until the proxy passes the host through.
            var attempts = new List<int>();
            while (attempts.Count(code => code == 0) < 2)
            {
                Assert.True(attempts.Count < PinningThreshold + 6, $"the lock never got through: exit codes {string.Join(",", attempts)}\n{daemon.Log}");
                var (code, _, _) = LabNetwork.Try(lockDevice.Namespace, "curl", "-sS", "-m", "5", "-o", "/dev/null", "--cacert", certificates.CaFile,
                    "-H", "Content-Type: application/json", "-d", "{\"event\":\"unlock\",\"method\":\"app\"}", $"https://{LockHost}/v1/log");
                attempts.Add(code);
                Thread.Sleep(300);
            }

            Assert.True(attempts.Take(PinningThreshold).All(code => code != 0), $"the lock accepted the lab CA: exit codes {string.Join(",", attempts)}");
            Thread.Sleep(1200);
            Assert.Equal(0, daemon.Terminate(TimeSpan.FromSeconds(60)));
            log = daemon.Log;
        }
        finally
        {
            CliInside(lab.Gw, ["lab", "down", .. labArguments]);
        }

        Assert.Equal(natBefore, LabNetwork.Exec(lab.Gw, "iptables", "-t", "nat", "-S"));

        // 3. Decrypted HTTP and MQTT bodies gave observations, marked tls-intercepted.
        var observations = JsonLines(Path.Combine(output, "observations.jsonl"));
        var seen = string.Join("\n", observations.Select(o => $"{Text(o, "uid")} {Text(o, "device")} {Text(o, "destination")} {Text(o, "data_type")} {Text(o, "transport")}"));
        Assert.True(observations.Any(o => Is(o, "destination", WatchHttpsHost) && Is(o, "data_type", "location.gps") && Is(o, "transport", "tls-intercepted") && Is(o, "device", "kids-watch-01")), seen + "\n" + log);
        Assert.True(observations.Any(o => Is(o, "destination", SpeakerHost) && Is(o, "transport", "tls-intercepted") && Is(o, "device", "speaker-01")), seen);
        Assert.True(observations.Any(o => Is(o, "destination", WatchHttpHost) && Is(o, "transport", "cleartext")), seen);
        Assert.Equal(3, observations.Count(o => Is(o, "destination", WatchHttpHost) && Is(o, "data_type", "location.gps")));
        var mqtt = JsonLines(Path.Combine(output, "mqtt.jsonl"));
        Assert.Contains(mqtt, m => Is(m, "topic", "speaker/telemetry"));
        Assert.Contains("speaker/telemetry", File.ReadAllText(broker.Log), StringComparison.Ordinal);

        // 4. The lock: tls.pinned for its host, and its later connections reached the server.
        var findings = FindingsByDevice(Path.Combine(output, "findings.json"));
        Assert.Contains($"tls.pinned||{LockHost}|low", findings.GetValueOrDefault("lock-01") ?? [], StringComparer.Ordinal);
        Assert.Contains(findings.GetValueOrDefault("kids-watch-01") ?? [], k => k.StartsWith("tls.accepts-untrusted|", StringComparison.Ordinal));
        var served = File.ReadAllLines(web.AccessLog);
        Assert.Equal(2, served.Count(line => line == $"443 POST {LockHost} /v1/log 200"));
        Assert.Equal(3, served.Count(line => line == $"443 POST {WatchHttpsHost} /api/v1/location 200"));

        // 5. SIGTERM left every file complete: rotated captures read to the end by tshark, JSON parses, the store opens.
        var captureFolder = Assert.Single(Directory.GetDirectories(Path.Combine(output, "captures")));
        var captures = Directory.GetFiles(captureFolder, "*.pcap");
        Assert.True(captures.Length >= 2, $"expected rotated captures, found {captures.Length}: {log}");
        foreach (var capture in captures)
        {
            var (code, stdout, stderr) = ExternalTool.Run("tshark", ["-r", capture, "-q", "-z", "io,stat,0"]);
            // A file cut short makes tshark complain ("cut short in the middle of a packet"); only its root notice is allowed.
            var complaints = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("Running as user", StringComparison.Ordinal));
            Assert.True(code == 0 && !complaints.Any(), $"tshark -r {capture}: {code} {stderr}");
            Assert.Contains("Frames", stdout, StringComparison.Ordinal);
        }

        foreach (var jsonl in Directory.GetFiles(output, "*.jsonl"))
        {
            JsonLines(jsonl);
        }

        using (var stats = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output, "capture-stats.json"))))
        {
            var iface = stats.RootElement.GetProperty("interfaces")[0];
            Assert.Equal(0, iface.GetProperty("pipeline_dropped").GetInt64());
            Assert.Equal(0, iface.GetProperty("kernel_dropped").GetInt64());
            Assert.True(stats.RootElement.GetProperty("proxy").GetProperty("intercepted").GetInt64() >= 6);
        }

        using (var store = SessionStore.Open(Path.Combine(output, "session.db")))
        {
            Assert.Contains(store.LoadTlsInterceptions(), t => t.Host == LockHost && !t.Completed);
        }

        // 6. analyze of the rotated captures gives the same cleartext findings.
        var replay = temp.File("replay");
        var result = DeviceWatchCli.Run("analyze", captureFolder, "--profiles", DeviceWatchCli.Profiles, "--out", replay, "--quiet");
        Assert.True(result.ExitCode is 0 or 3, result.Stderr);
        var live = CleartextFindings(Path.Combine(output, "findings.json"));
        Assert.NotEmpty(live);
        Assert.Equal(live, CleartextFindings(Path.Combine(replay, "findings.json")));
    }

    private static string WriteConfig(TempDirectory temp, LabNetwork lab, string output, string state, string upstreamCa)
    {
        var config = temp.File("run.json");
        var settings = new
        {
            Output = output,
            Profiles = DeviceWatchCli.Profiles,
            SummaryIntervalSeconds = 1,
            Control = temp.File("control.sock"),
            Capture = new { Interfaces = new[] { lab.GwLan }, Filter = "ip", RotateSeconds = 1, RotateMb = 0 },
            Proxy = new
            {
                Enabled = true,
                Listen = "0.0.0.0:8081",
                Transparent = true,
                Clients = new[] { LabNetwork.LanNetwork },
                UpstreamCa = new[] { upstreamCa },
                State = state,
                PinningThreshold,
            },
        };
        File.WriteAllText(config, JsonSerializer.Serialize(settings));
        return config;
    }

    private static void CliInside(string ns, string[] arguments)
    {
        var (code, _, stderr) = ExternalTool.Run("ip", ["netns", "exec", ns, "dotnet", DeviceWatchCli.Dll, .. arguments], TimeSpan.FromSeconds(60));
        Assert.True(code == 0, $"devicewatch {string.Join(' ', arguments)} exited {code}: {stderr}");
    }

    private static void Curl(LabDevice device, string url, string body, params string[] extra) =>
        LabNetwork.Exec(device.Namespace, "curl", ["-sS", "-m", "5", "-o", "/dev/null", "-H", "Content-Type: application/json", "-d", body, .. extra, url]);

    private static void WaitForCloud(LabNetwork lab, string testCa)
    {
        for (var i = 0; i < 50; i++)
        {
            var (web, _, _) = LabNetwork.Try(lab.Cloud, "curl", "-s", "-o", "/dev/null", "-m", "1", "--cacert", testCa, "--resolve", $"{LockHost}:443:{LabNetwork.CloudAddress}", $"https://{LockHost}/");
            var (mqtt, _, _) = LabNetwork.Try(lab.Cloud, "mosquitto_pub", "-h", LabNetwork.CloudAddress, "-p", "8883", "--cafile", testCa, "--insecure", "-t", "probe", "-n");
            if (web == 0 && mqtt == 0)
            {
                return;
            }

            Thread.Sleep(100);
        }

        Assert.Fail("nginx or mosquitto in the cloud namespace did not answer over TLS");
    }

    private static List<JsonElement> JsonLines(string file) =>
        File.ReadAllLines(file).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    private static bool Is(JsonElement element, string property, string value) =>
        element.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() == value;

    private static Dictionary<string, List<string>> FindingsByDevice(string findingsJson)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(findingsJson));
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var device in document.RootElement.GetProperty("devices").EnumerateArray())
        {
            result[device.GetProperty("id").GetString()!] = device.GetProperty("findings").EnumerateArray()
                .Select(f => $"{f.GetProperty("rule").GetString()}|{Text(f, "data_type")}|{Text(f, "destination")}|{Text(f, "severity")}")
                .ToList();
        }

        return result;
    }

    /// <summary>Findings on series the wire showed in clear (per device): what a replay of the captures can see too.</summary>
    private static List<string> CleartextFindings(string findingsJson)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(findingsJson));
        var keys = new List<string>();
        foreach (var device in document.RootElement.GetProperty("devices").EnumerateArray())
        {
            var clear = device.GetProperty("observations").EnumerateArray()
                .Where(o => Is(o, "transport", "cleartext"))
                .Select(o => $"{Text(o, "data_type")}|{Text(o, "destination")}")
                .ToHashSet(StringComparer.Ordinal);
            keys.AddRange(device.GetProperty("findings").EnumerateArray()
                .Where(f => clear.Contains($"{Text(f, "data_type")}|{Text(f, "destination")}"))
                .Select(f => $"{device.GetProperty("id").GetString()}|{f.GetProperty("rule").GetString()}|{Text(f, "data_type")}|{Text(f, "destination")}|{Text(f, "severity")}"));
        }

        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    private static string Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
}
