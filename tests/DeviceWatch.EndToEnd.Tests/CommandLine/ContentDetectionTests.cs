using System.Text.Json;
using DeviceWatch.EndToEnd.Tests.Infrastructure;
using DeviceWatch.Synth.Frames;
using DeviceWatch.Synth.Lab;

namespace DeviceWatch.EndToEnd.Tests.CommandLine;

/// <summary>Protocols are recognised by content, not only by port: HTTP on 8080, MQTT on 1884 or 17501, TLS on 8443.</summary>
public sealed class ContentDetectionTests
{
    [Fact]
    public void Analyze_ProtocolsOnUnusualPorts_AreDissected()
    {
        using var dir = new TempDirectory();
        var device = new LabDevice
        {
            Id = "odd-ports",
            Mac = MacAddress.Parse("02:00:5e:10:00:31"),
            HostName = "odd-ports",
            Activities =
            [
                new HttpActivity { Host = "http.odd.example", Port = 8080, Interval = TimeSpan.FromSeconds(30), PathTemplate = "/t?seq={seq}", BodyTemplate = "{\"seq\":{seq}}" },
                new MqttActivity { Host = "mqtt.odd.example", Port = 1884, Interval = TimeSpan.FromSeconds(30), TopicTemplate = "odd/{device}" },
                new TlsActivity { Host = "tls.odd.example", Port = 9443, Interval = TimeSpan.FromSeconds(60) },
            ],
        };
        var capture = dir.File("odd.pcapng");
        new LabScenario(new LabScenarioOptions { Devices = [device], Duration = TimeSpan.FromMinutes(2) }).WriteFile(capture);

        var (code, _, stderr) = DeviceWatchCli.Run("analyze", capture, "--out", dir.File("out"), "-q");

        Assert.True(code == 0, stderr);
        var http = Lines(dir.File("out/http.jsonl"));
        Assert.Contains(http, h => h.GetProperty("host").GetString()!.StartsWith("http.odd.example", StringComparison.Ordinal));
        var mqtt = Lines(dir.File("out/mqtt.jsonl"));
        Assert.Contains(mqtt, m => m.GetProperty("type").GetString() == "PUBLISH" && m.GetProperty("topic").GetString() == "odd/odd-ports");
        var tls = Lines(dir.File("out/tls.jsonl"));
        Assert.Contains(tls, t => t.GetProperty("server_name").GetString() == "tls.odd.example" && t.GetProperty("resp_p").GetInt32() == 9443);
        var conn = Lines(dir.File("out/conn.jsonl"));
        Assert.Contains(conn, c => c.GetProperty("resp_p").GetInt32() == 8080 && c.GetProperty("service").GetString() == "http");
        Assert.Contains(conn, c => c.GetProperty("resp_p").GetInt32() == 1884 && c.GetProperty("service").GetString() == "mqtt");
    }

    [Fact]
    public void Analyze_PublicMqttOnPort17501_IsDissected()
    {
        using var dir = new TempDirectory();
        var (code, _, stderr) = DeviceWatchCli.Run("analyze", SharedCaptures.File("ndpi/coap_mqtt.pcap"), "--out", dir.Path, "-q");

        Assert.True(code == 0, stderr);
        var expected = ExternalTool.Run("tshark", ["-r", SharedCaptures.File("ndpi/coap_mqtt.pcap"), "-d", "tcp.port==17501,mqtt", "-Y", "mqtt.msgtype == 3", "-T", "fields", "-e", "mqtt.topic"]).Stdout
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).SelectMany(l => l.Split(',')).ToHashSet();
        var topics = Lines(dir.File("mqtt.jsonl")).Where(m => m.GetProperty("type").GetString() == "PUBLISH").Select(m => m.GetProperty("topic").GetString() ?? "").ToHashSet();
        Assert.NotEmpty(expected);
        Assert.Subset(expected, topics);
    }

    private static List<JsonElement> Lines(string path) =>
        File.ReadLines(path).Select(l => JsonDocument.Parse(l).RootElement).ToList();
}
