using DeviceWatch.Capture.Pipeline;
using DeviceWatch.Capture.Reading;
using DeviceWatch.Core.Records;
using DeviceWatch.EndToEnd.Tests.Infrastructure;
using DeviceWatch.Synth.Frames;
using DeviceWatch.Synth.Lab;

namespace DeviceWatch.EndToEnd.Tests.Pipeline;

/// <summary>
/// A dissector that throws stops its own flow, counted, not the run; a failure where its facts go (the record sink, a
/// full disk) still ends the run.
/// </summary>
public sealed class DissectorFailureTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _capture;

    public DissectorFailureTests()
    {
        var device = new LabDevice
        {
            Id = "mixed",
            Mac = MacAddress.Parse("02:00:5e:10:00:51"),
            HostName = "mixed",
            Activities =
            [
                new HttpActivity { Host = "http.example", Interval = TimeSpan.FromSeconds(30), PathTemplate = "/t?seq={seq}", BodyTemplate = "{\"seq\":{seq}}" },
                new MqttActivity { Host = "mqtt.example", Interval = TimeSpan.FromSeconds(30), TopicTemplate = "t/{device}" },
                new TlsActivity { Host = "tls.example", Interval = TimeSpan.FromSeconds(60) },
            ],
        };
        _capture = _dir.File("mixed.pcapng");
        new LabScenario(new LabScenarioOptions { Devices = [device], Duration = TimeSpan.FromMinutes(3) }).WriteFile(_capture);
    }

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(0, true)]
    public void Analyze_HttpDissectorThrows_FlowStoppedAndCountedEverythingElseKept(int throwOnDataCall, bool throwAtEnd)
    {
        var (clean, _) = Run(null);
        var (sink, statistics) = Run(d => d.Protocol == "http" ? new ThrowingDissector(d, throwOnDataCall, throwAtEnd) : d);

        var httpFlows = clean.Conn.Count(c => c.Service == "http");
        Assert.True(httpFlows > 2, $"{httpFlows} http flows");
        Assert.Equal(httpFlows, statistics.Anomalies["http/dissector-error"]);
        Assert.Equal(httpFlows, statistics.DissectorFailures);
        Assert.StartsWith($"http: System.InvalidOperationException: {ThrowingDissector.Message} (at ", statistics.FirstDissectorFailure, StringComparison.Ordinal);

        // Nothing else is lost: every flow's record, and every other protocol's records.
        Assert.Equal(clean.Conn.Select(c => c.Uid).Order(StringComparer.Ordinal), sink.Conn.Select(c => c.Uid).Order(StringComparer.Ordinal));
        Assert.Equal(clean.Mqtt.Count, sink.Mqtt.Count);
        Assert.Equal(clean.Tls.Count, sink.Tls.Count);
        Assert.Equal(clean.Dns.Count, sink.Dns.Count);
        Assert.True(clean.Http.Count > 0);
        if (throwAtEnd)
        {
            Assert.Equal(clean.Http.Count, sink.Http.Count); // the exchanges were complete before the end
        }
        else if (throwOnDataCall == 1)
        {
            Assert.Empty(sink.Http);
        }
    }

    [Fact]
    public void Analyze_RecordSinkThrows_RunEndsWithThatException()
    {
        var engine = new CaptureEngine(new FailingHttpSink(), analysis: null);

        var thrown = Assert.Throws<IOException>(() => CaptureFileReader.Read(_capture, engine));

        Assert.Equal("No space left on device", thrown.Message);
        Assert.Equal(0, engine.Statistics.DissectorFailures);
        Assert.DoesNotContain(engine.Statistics.Anomalies.Keys, k => k.EndsWith("dissector-error", StringComparison.Ordinal));
    }

    private (RecordingSink Sink, CaptureStatistics Statistics) Run(Func<DeviceWatch.Dissect.Common.IStreamDissector, DeviceWatch.Dissect.Common.IStreamDissector>? wrap)
    {
        var sink = new RecordingSink();
        var engine = new CaptureEngine(sink, analysis: null, new CaptureEngineOptions { WrapDissector = wrap });
        CaptureFileReader.Read(_capture, engine);
        engine.Complete();
        return (sink, engine.Statistics);
    }

    private sealed class FailingHttpSink : IRecordSink
    {
        public void OnConn(ConnRecord record)
        {
        }

        public void OnDns(DnsRecord record)
        {
        }

        public void OnDhcp(DhcpRecord record)
        {
        }

        public void OnTls(TlsRecord record)
        {
        }

        public void OnHttp(HttpRecord record) => throw new IOException("No space left on device");

        public void OnMqtt(MqttRecord record)
        {
        }
    }
}
