using DeviceWatch.Analysis.Profiles;
using DeviceWatch.Analysis.Rules;
using DeviceWatch.Analysis.Tests.Rules;
using DeviceWatch.Core.Analysis;
using DeviceWatch.Core.Records;
using static DeviceWatch.Analysis.Tests.Rules.RuleHarness;

namespace DeviceWatch.Analysis.Tests.Aggregation;

public sealed class AnalysisSessionAggregationTests
{
    [Fact]
    public void Complete_SeriesSummary_HasCountsWindowSpanPhasesAndTransport()
    {
        var device = Device with
        {
            Phases = [new ProfilePhase { From = T0.AddHours(1), To = T0.AddHours(2), State = PhaseState.Idle }],
        };
        var observations = Enumerable.Range(0, 19).Select(i => Obs(i * 5, precision: 150 - i))
            .Append(Obs(200, transport: Transports.Cleartext));
        var doc = AnalysisSession.Run(Set(device), observations, [], [], [], ["a.pcap"]);
        var summary = Assert.Single(Assert.Single(doc.Devices).Observations);
        Assert.Equal(20, summary.Count);
        Assert.Equal(T0, summary.First);
        Assert.Equal(T0.AddMinutes(200), summary.Last);
        Assert.Equal(12, summary.PerHourMax);
        Assert.Equal(300, summary.MedianIntervalS);
        Assert.Equal(300, summary.PeriodS);
        Assert.Equal(132, summary.FinestPrecisionM);
        Assert.Equal(90 * 60, summary.LongestSpanS);
        Assert.Equal(["active", "idle"], summary.Phases);
        Assert.Equal(Transports.Cleartext, summary.Transport);
        Assert.Equal(Parties.First, summary.Party);
        Assert.Equal("value-123xxxx", summary.Example);
    }

    [Fact]
    public void Complete_ArrivalOrder_DoesNotChangeTheDocument()
    {
        var observations = Enumerable.Range(0, 40).Select(i => Obs(i * 1.5, i % 2 == 0 ? DataTypes.LocationGps : DataTypes.IdImsi, precision: i)).ToArray();
        var forward = FindingsJson.Serialize(AnalysisSession.Run(Set(), observations, [], [], [], ["a.pcap"]));
        var backward = FindingsJson.Serialize(AnalysisSession.Run(Set(), observations.Reverse(), [], [], [], ["a.pcap"]));
        Assert.Equal(forward, backward);
    }

    [Fact]
    public void Complete_Flows_BuildDestinationsPerDevice()
    {
        var record = new DeviceRecord { Mac = "02:00:5e:00:00:01", Ips = ["192.168.1.20"], FirstSeen = T0, LastSeen = T0.AddHours(1) };
        ConnRecord Flow(string uid, string? name, string resp, string service, long up, long down) => new()
        {
            Uid = uid, Ts = T0, Proto = "tcp", OrigH = "192.168.1.20", OrigP = 40000, RespH = resp, RespP = 443,
            Device = "02:00:5e:00:00:01", Service = service, OrigBytes = up, RespBytes = down, State = "SF", ServerName = name,
        };
        var flows = new[]
        {
            Flow("C1", "api.first.example", "203.0.113.1", "tls", 100, 1000),
            Flow("C2", "api.first.example", "203.0.113.1", "http", 50, 500),
            Flow("C3", null, "198.51.100.7", "tls", 10, 20),
        };
        var doc = AnalysisSession.Run(Set(), [], flows, [record], [], ["a.pcap"]);
        var device = Assert.Single(doc.Devices);
        Assert.Equal("dev", device.Id);
        Assert.Equal("02:00:5e:00:00:01", device.Mac);
        Assert.Collection(device.Destinations,
            d => Assert.Equal(("198.51.100.7", 1L, 10L, 20L, true, "unknown"), (d.Host, d.Flows, d.BytesUp, d.BytesDown, d.Encrypted, d.Party)),
            d => Assert.Equal(("api.first.example", 2L, 150L, 1500L, false, "first"), (d.Host, d.Flows, d.BytesUp, d.BytesDown, d.Encrypted, d.Party)));
        Assert.Empty(device.Findings);
    }

    [Fact]
    public void Complete_ObservationKeyedByMacOrIp_ResolvesToProfile()
    {
        var record = new DeviceRecord { Mac = "02:00:5e:00:00:01", Ips = ["192.168.1.20"], FirstSeen = T0, LastSeen = T0 };
        var doc = AnalysisSession.Run(Set(), [Obs(0, device: "02:00:5E:00:00:01"), Obs(1, device: "192.168.1.20")], [], [record], [], []);
        var device = Assert.Single(doc.Devices);
        Assert.Equal("dev", device.Id);
        Assert.Equal(2, Assert.Single(device.Observations).Count);
    }

    [Fact]
    public void Complete_Timeline_BinsCountsPerDataType()
    {
        var doc = AnalysisSession.Run(Set(), RuleHarness.Every(10, 13), [], [], [], []);
        var timeline = Assert.Single(doc.Devices).Timeline!;
        Assert.Equal(60, timeline.BinSeconds);
        Assert.Equal(13, Assert.Single(timeline.Series).Counts.Sum());
    }
}
