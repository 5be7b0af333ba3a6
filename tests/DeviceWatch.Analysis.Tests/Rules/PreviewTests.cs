using DeviceWatch.Analysis.Rules;
using DeviceWatch.Core.Records;
using static DeviceWatch.Analysis.Tests.Rules.RuleHarness;

namespace DeviceWatch.Analysis.Tests.Rules;

/// <summary><see cref="AnalysisSession.Preview"/>: live findings that never change what the final run gives.</summary>
public sealed class PreviewTests
{
    [Fact]
    public void Preview_Repeated_LeavesCompleteIdenticalToAFreshSession()
    {
        // Two device keys (MAC and profile id) resolve to one device: their series are merged, the case a
        // mutating build would double on a second call.
        var observations = Enumerable.Range(0, 40).Select(i => Obs(i * 3, device: i % 2 == 0 ? "dev" : "02:00:5e:00:00:01")).ToList();
        var devices = new[] { new DeviceRecord { Mac = "02:00:5e:00:00:01", Id = "dev", FirstSeen = T0, LastSeen = T0.AddHours(2) } };

        var live = new AnalysisSession(Set());
        live.AddObservations(observations.Take(20));
        var early = FindingsJson.Serialize(live.Preview(["live.pcap"], devices));
        live.AddObservations(observations.Skip(20));
        live.Preview(["live.pcap"], devices);
        live.Preview(["live.pcap"], devices);
        foreach (var device in devices)
        {
            live.AddDevice(device);
        }

        var fresh = new AnalysisSession(Set());
        fresh.AddObservations(observations);
        foreach (var device in devices)
        {
            fresh.AddDevice(device);
        }

        Assert.Equal(FindingsJson.Serialize(fresh.Complete(["live.pcap"])), FindingsJson.Serialize(live.Complete(["live.pcap"])));
        Assert.NotEqual(early, FindingsJson.Serialize(live.Preview(["live.pcap"], devices)));
    }
}
