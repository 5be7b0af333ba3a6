using DeviceWatch.Dissect.Common;

namespace DeviceWatch.Dissect.Tests.Tls;

/// <summary>Feeds captured segments to a fresh dissector in different chunkings.</summary>
internal static class DissectorRun
{
    public static readonly DateTime T0 = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    public static DateTime TimeOf(int segmentIndex) => T0.AddMilliseconds(segmentIndex);

    public static FlowDirection DirectionOf(Segment segment) =>
        segment.FromOriginator ? FlowDirection.FromOriginator : FlowDirection.FromResponder;

    /// <summary>Feeds each segment whole, then ends the stream.</summary>
    public static FactRecorder Whole(IStreamDissector dissector, IReadOnlyList<Segment> segments, bool end = true)
    {
        var sink = new FactRecorder();
        for (var i = 0; i < segments.Count; i++)
        {
            dissector.OnData(DirectionOf(segments[i]), segments[i].Bytes, TimeOf(i), sink);
        }
        if (end)
        {
            dissector.OnEnd(TimeOf(segments.Count), sink);
        }
        return sink;
    }

    /// <summary>Feeds each segment one byte at a time.</summary>
    public static FactRecorder ByteByByte(IStreamDissector dissector, IReadOnlyList<Segment> segments)
    {
        var sink = new FactRecorder();
        for (var i = 0; i < segments.Count; i++)
        {
            var bytes = segments[i].Bytes;
            for (var k = 0; k < bytes.Length; k++)
            {
                dissector.OnData(DirectionOf(segments[i]), bytes.AsSpan(k, 1), TimeOf(i), sink);
            }
        }
        dissector.OnEnd(TimeOf(segments.Count), sink);
        return sink;
    }

    /// <summary>Feeds the segments with segment <paramref name="split"/> cut in two at <paramref name="offset"/>.</summary>
    public static FactRecorder SplitAt(IStreamDissector dissector, IReadOnlyList<Segment> segments, int split, int offset)
    {
        var sink = new FactRecorder();
        for (var i = 0; i < segments.Count; i++)
        {
            var bytes = segments[i].Bytes;
            var direction = DirectionOf(segments[i]);
            if (i == split)
            {
                dissector.OnData(direction, bytes.AsSpan(0, offset), TimeOf(i), sink);
                dissector.OnData(direction, bytes.AsSpan(offset), TimeOf(i), sink);
            }
            else
            {
                dissector.OnData(direction, bytes, TimeOf(i), sink);
            }
        }
        dissector.OnEnd(TimeOf(segments.Count), sink);
        return sink;
    }

    /// <summary>
    /// Asserts that cutting any segment at any offset, and feeding byte by byte, gives exactly the facts and anomalies
    /// of feeding whole segments.
    /// </summary>
    public static void AssertChunkingInvariant(Func<IStreamDissector> create, IReadOnlyList<Segment> segments)
    {
        var baseline = Whole(create(), segments);
        var expected = baseline.Describe();
        Assert.NotEmpty(expected);
        var expectedText = Summary(baseline);
        for (var s = 0; s < segments.Count; s++)
        {
            for (var offset = 0; offset <= segments[s].Bytes.Length; offset++)
            {
                var run = SplitAt(create(), segments, s, offset);
                var text = Summary(run);
                if (text != expectedText)
                {
                    Assert.Fail($"segment {s} split at {offset}:\n{text}\nexpected:\n{expectedText}");
                }
            }
        }
        var bytewise = ByteByByte(create(), segments);
        Assert.Equal(expected, bytewise.Describe());
        Assert.Equal(baseline.Anomalies, bytewise.Anomalies);
    }

    private static string Summary(FactRecorder run) =>
        string.Join('\n', run.Describe()) + "\n--\n" + string.Join('\n', run.Anomalies);

    /// <summary>Feeds the concatenated stream truncated at every length: never throws, and facts are a prefix of the full run's.</summary>
    public static void AssertTruncationSafe(Func<IStreamDissector> create, IReadOnlyList<Segment> segments)
    {
        var full = Whole(create(), segments).Describe();
        var total = segments.Sum(s => s.Bytes.Length);
        for (var cut = 0; cut <= total; cut++)
        {
            var sink = new FactRecorder();
            var dissector = create();
            var left = cut;
            for (var i = 0; i < segments.Count && left > 0; i++)
            {
                var bytes = segments[i].Bytes;
                var n = Math.Min(left, bytes.Length);
                dissector.OnData(DirectionOf(segments[i]), bytes.AsSpan(0, n), TimeOf(i), sink);
                left -= n;
            }
            dissector.OnEnd(TimeOf(segments.Count), sink);
            var got = sink.Describe();
            Assert.True(got.Count <= full.Count, $"cut {cut}: more facts than the full stream");
            Assert.Equal(full.Take(got.Count), got);
        }
    }
}
