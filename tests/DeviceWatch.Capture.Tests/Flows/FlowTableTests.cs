using DeviceWatch.Capture.Decoding;
using DeviceWatch.Capture.Flows;

namespace DeviceWatch.Capture.Tests.Flows;

public sealed class FlowTableTests
{
    private static readonly DateTime Start = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    private static Flow NewFlow(ushort port, byte protocol, DateTime seen)
    {
        var packet = new DecodedPacket
        {
            Source = IpAddressBytes.FromV4([192, 168, 1, 2]),
            Destination = IpAddressBytes.FromV4([1, 1, 1, 1]),
            SourcePort = port,
            DestinationPort = 443,
            Protocol = protocol,
        };
        return new Flow(FlowKey.From(packet), "C" + port, packet, seen, flipOrientation: false);
    }

    [Fact]
    public void Add_WhenFull_EvictsLeastRecentlyActiveAndCounts()
    {
        var table = new FlowTable(new FlowTableOptions { MaxFlows = 2 });
        var evicted = new List<string>();
        var first = NewFlow(1, 6, Start);
        var second = NewFlow(2, 6, Start.AddSeconds(1));
        table.Add(first, f => evicted.Add(f.Uid));
        table.Add(second, f => evicted.Add(f.Uid));
        first.LastSeen = Start.AddSeconds(2);
        table.Touch(first);

        table.Add(NewFlow(3, 6, Start.AddSeconds(3)), f => evicted.Add(f.Uid));

        Assert.Equal(["C2"], evicted);
        Assert.Equal(2, table.Count);
        Assert.Equal(1, table.Evicted);
    }

    [Fact]
    public void Expire_UdpAfterOneMinuteTcpAfterFive_EachByItsOwnTimeout()
    {
        var table = new FlowTable(new FlowTableOptions());
        var ended = new List<string>();
        table.Add(NewFlow(1, 17, Start), _ => { });
        table.Add(NewFlow(2, 6, Start), _ => { });

        table.Expire(Start.AddSeconds(59), f => ended.Add(f.Uid));
        Assert.Empty(ended);
        table.Expire(Start.AddSeconds(61), f => ended.Add(f.Uid));
        Assert.Equal(["C1"], ended);
        table.Expire(Start.AddMinutes(5).AddSeconds(1), f => ended.Add(f.Uid));
        Assert.Equal(["C1", "C2"], ended);
        Assert.Equal(0, table.Count);
    }

    [Fact]
    public void Expire_ClosedTcp_LeavesAfterLinger()
    {
        var table = new FlowTable(new FlowTableOptions { TcpClosedLinger = TimeSpan.FromSeconds(5) });
        var flow = NewFlow(1, 6, Start);
        table.Add(flow, _ => { });
        flow.Closed = true;
        table.Touch(flow);
        var ended = new List<string>();

        table.Expire(Start.AddSeconds(4), f => ended.Add(f.Uid));
        Assert.Empty(ended);
        table.Expire(Start.AddSeconds(6), f => ended.Add(f.Uid));
        Assert.Equal(["C1"], ended);
    }

    [Fact]
    public void FlowKey_BothDirections_AreTheSameKey()
    {
        var forward = new DecodedPacket { Source = IpAddressBytes.FromV4([10, 0, 0, 1]), Destination = IpAddressBytes.FromV4([10, 0, 0, 2]), SourcePort = 5, DestinationPort = 6, Protocol = 6 };
        var backward = new DecodedPacket { Source = forward.Destination, Destination = forward.Source, SourcePort = 6, DestinationPort = 5, Protocol = 6 };

        Assert.Equal(FlowKey.From(forward), FlowKey.From(backward));
        Assert.Equal(FlowKey.From(forward).StableHash(), FlowKey.From(backward).StableHash());
    }

    [Fact]
    public void FlowUidGenerator_SameInput_SameIds()
    {
        var a = new FlowUidGenerator();
        var b = new FlowUidGenerator();
        var ids = Enumerable.Range(0, 100).Select(i => a.Next(Start.AddSeconds(i), (ulong)i)).ToList();

        Assert.Equal(ids, Enumerable.Range(0, 100).Select(i => b.Next(Start.AddSeconds(i), (ulong)i)));
        Assert.Equal(100, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^C[0-9A-Za-z]{17}$", id));
    }
}
