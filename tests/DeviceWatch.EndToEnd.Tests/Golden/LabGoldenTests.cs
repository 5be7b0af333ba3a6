using System.Text.Json;
using DeviceWatch.EndToEnd.Tests.Infrastructure;
using DeviceWatch.Synth.Lab;

namespace DeviceWatch.EndToEnd.Tests.Golden;

/// <summary>
/// A small lab session written by the project's own generator goes through the real CLI; its protocol logs must
/// equal the golden files, and agree with the generator's ground truth (set DW_UPDATE_GOLDEN=1 to regenerate).
/// </summary>
public sealed class LabGoldenTests : IClassFixture<LabGoldenTests.LabRunFixture>
{
    private static readonly string[] Logs = ["conn", "dns", "dhcp", "tls", "http", "mqtt"];
    private readonly LabRunFixture _run;

    public LabGoldenTests(LabRunFixture run) => _run = run;

    public static TheoryData<string> LogNames() => new(Logs);

    [Theory]
    [MemberData(nameof(LogNames))]
    public void Analyze_SmallHomeLab_LogEqualsGolden(string log)
    {
        var actual = File.ReadAllText(_run.Output.File(log + ".jsonl"));
        var goldenPath = Path.Combine(RepositoryPaths.Root, "tests", "DeviceWatch.EndToEnd.Tests", "Golden", "smallhome", log + ".jsonl");
        if (Environment.GetEnvironmentVariable("DW_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(goldenPath)!);
            File.WriteAllText(goldenPath, actual);
        }

        var expected = File.ReadAllText(goldenPath);
        Assert.Equal(expected.Split('\n'), actual.Split('\n'));
    }

    [Fact]
    public void Analyze_SmallHomeLab_EveryDnsNameHttpRequestAndSniOfTheGroundTruth()
    {
        var truth = _run.Truth;
        var dns = Lines("dns").Select(l => l.GetProperty("query").GetString()).ToHashSet();
        var http = Lines("http").Select(l => l.GetProperty("host").GetString() + l.GetProperty("uri").GetString()).ToHashSet();
        var sni = Lines("tls").Select(l => l.GetProperty("server_name").GetString()).ToHashSet();
        var dhcpHostnames = Lines("dhcp").Select(l => l.GetProperty("hostname").GetString()).ToHashSet();

        Assert.All(truth.DnsLookups, d => Assert.Contains(d.Name, dns));
        Assert.All(truth.HttpRequests, r => Assert.Contains(r.Host + r.Uri, http));
        Assert.All(truth.TlsHellos.Where(t => t.ServerName is not null), t => Assert.Contains(t.ServerName, sni));
        Assert.All(truth.Devices, d => Assert.Contains(d.HostName, dhcpHostnames));
    }

    [Fact]
    public void Analyze_SmallHomeLab_FlowsPerServiceMatchGroundTruth()
    {
        var conn = Lines("conn").ToList();
        foreach (var (service, count) in _run.Truth.FlowCountsByService())
        {
            var ours = service == "mdns" ? "dns" : service;
            var flows = _run.Truth.Flows.Where(f => f.Service == service).ToList();
            foreach (var flow in flows)
            {
                Assert.Contains(conn, c =>
                    c.GetProperty("orig_h").GetString() == flow.ClientAddress.ToString() && c.GetProperty("orig_p").GetInt32() == flow.ClientPort
                    && c.GetProperty("resp_h").GetString() == flow.ServerAddress.ToString() && c.GetProperty("resp_p").GetInt32() == flow.ServerPort
                    && c.GetProperty("service").GetString() == ours);
            }

            Assert.True(count > 0);
        }

        foreach (var flow in _run.Truth.Flows.Where(f => f.Transport == "tcp"))
        {
            var record = conn.Single(c => c.GetProperty("orig_p").GetInt32() == flow.ClientPort && c.GetProperty("orig_h").GetString() == flow.ClientAddress.ToString());
            Assert.Equal(flow.ClientPayloadBytes, record.GetProperty("orig_bytes").GetInt64());
            Assert.Equal(flow.ServerPayloadBytes, record.GetProperty("resp_bytes").GetInt64());
            Assert.Equal(flow.ServerName, record.GetProperty("server_name").GetString());
        }
    }

    private IEnumerable<JsonElement> Lines(string log) =>
        File.ReadLines(_run.Output.File(log + ".jsonl")).Select(l => JsonDocument.Parse(l).RootElement);

    /// <summary>Generates the lab capture once and runs the CLI on it.</summary>
    public sealed class LabRunFixture : IDisposable
    {
        public LabRunFixture()
        {
            var capture = Output.File("lab.pcapng");
            Truth = LabScenario.SmallHome(seed: 3, duration: TimeSpan.FromMinutes(4)).WriteFile(capture);
            var (code, _, stderr) = DeviceWatchCli.Run("analyze", capture, "--profiles", DeviceWatchCli.Profiles, "--out", Output.Path, "-q");
            if (code != 0)
            {
                throw new InvalidOperationException("analyze failed: " + stderr);
            }
        }

        public TempDirectory Output { get; } = new();

        public LabGroundTruth Truth { get; }

        public void Dispose() => Output.Dispose();
    }
}
