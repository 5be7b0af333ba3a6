using DeviceWatch.Synth.Writing;

namespace DeviceWatch.Capture.Tests.Writing;

public sealed class PacketTimelineTests
{
    [Fact]
    public void WriteTo_FramesWrittenOutOfOrder_ReplaysByTimeThenInsertionOrder()
    {
        var t0 = new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);
        var timeline = new PacketTimeline();
        timeline.Write(t0.AddSeconds(2), [1]);
        timeline.Write(t0, [2]);
        timeline.Write(t0.AddSeconds(1), [3]);
        timeline.Write(t0, [4]);
        var replay = new PacketTimeline();

        timeline.WriteTo(replay);

        Assert.Equal([2, 4, 3, 1], replay.Ordered().Select(p => p.Frame[0]));
        Assert.Equal(4, replay.Count);
    }
}
