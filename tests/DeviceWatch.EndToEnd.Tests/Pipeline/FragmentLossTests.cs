using DeviceWatch.Capture.Pipeline;
using DeviceWatch.Capture.Reading;
using DeviceWatch.EndToEnd.Tests.Infrastructure;

namespace DeviceWatch.EndToEnd.Tests.Pipeline;

/// <summary>IP datagrams whose fragments never made a whole one are counted as anomalies, never silently lost.</summary>
public sealed class FragmentLossTests
{
    [Fact]
    public void Analyze_LastFragmentWithoutTheRest_CountedAsIncompleteAtTheEnd()
    {
        // Frames 6-8 form one DNS response; frame 4 is the last fragment of a response whose other fragments were
        // not captured (tshark reassembles one datagram here too).
        var statistics = Run("zeek/ipv6-fragmented-dns.pcap");

        Assert.Equal(1, statistics.Reassembled);
        Assert.Equal(1, statistics.Anomalies["ipv6/fragments-incomplete-at-end"]);
        Assert.DoesNotContain(statistics.Anomalies.Keys, k => k.StartsWith("ipv4/", StringComparison.Ordinal));
        Assert.Equal(["ipv6/fragments-incomplete-at-end"], statistics.Anomalies.Keys.Where(k => k.Contains("fragment", StringComparison.Ordinal)));
    }

    [Fact]
    public void Analyze_EveryDatagramReassembled_NoFragmentAnomaly()
    {
        var statistics = Run("ndpi/ip_fragmented_garbage.pcap");

        Assert.Equal(4, statistics.Reassembled);
        Assert.DoesNotContain(statistics.Anomalies.Keys, k => k.Contains("fragment", StringComparison.Ordinal));
    }

    [Fact]
    public void Complete_CalledTwice_CountsOnce()
    {
        var engine = new CaptureEngine(new RecordingSink(), analysis: null);
        CaptureFileReader.Read(SharedCaptures.File("zeek/ipv6-fragmented-dns.pcap"), engine);
        engine.Complete();
        engine.Complete();

        Assert.Equal(1, engine.Statistics.Anomalies["ipv6/fragments-incomplete-at-end"]);
    }

    private static CaptureStatistics Run(string capture)
    {
        var engine = new CaptureEngine(new RecordingSink(), analysis: null);
        CaptureFileReader.Read(SharedCaptures.File(capture), engine);
        engine.Complete();
        return engine.Statistics;
    }
}
