using CsCheck;
using DeviceWatch.Dissect.Common;

namespace DeviceWatch.Dissect.Tests.Tls;

/// <summary>Property-test helpers: feed random or mutated captures and measure what the dissector allocated.</summary>
internal static class FuzzFeed
{
    /// <summary>A real capture with 1-8 bytes overwritten at random places.</summary>
    public static Gen<Segment[]> Mutated(IReadOnlyList<Segment[]> captures) =>
        Gen.Select(Gen.Int[0, captures.Count - 1], Gen.Select(Gen.Int[0, int.MaxValue], Gen.Byte).Array[1, 8])
            .Select((index, edits) =>
            {
                var capture = captures[index];
                var flat = capture.SelectMany(s => s.Bytes).ToArray();
                foreach (var (position, value) in edits)
                {
                    flat[position % flat.Length] = value;
                }
                var result = new Segment[capture.Length];
                var offset = 0;
                for (var i = 0; i < capture.Length; i++)
                {
                    var length = capture[i].Bytes.Length;
                    result[i] = new Segment(capture[i].FromOriginator, Convert.ToHexString(flat, offset, length));
                    offset += length;
                }
                return result;
            });

    /// <summary>Random bytes cut into random chunks with random directions.</summary>
    public static Gen<Segment[]> Random(Gen<byte> first) =>
        Gen.Select(first, Gen.Select(Gen.Bool, Gen.Byte.Array[0, 300]).Array[1, 12])
            .Select((b, chunks) => chunks
                .Select((c, i) => new Segment(c.Item1, Convert.ToHexString(i == 0 ? [b, .. c.Item2] : c.Item2)))
                .ToArray());

    /// <summary>Feeds the segments (plus a gap and the end) and returns the bytes allocated meanwhile.</summary>
    public static long FeedAndMeasure(IStreamDissector dissector, Segment[] segments)
    {
        var sink = new FactRecorder();
        var bytes = segments.Select(s => s.Bytes).ToArray();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < segments.Length; i++)
        {
            dissector.OnData(DissectorRun.DirectionOf(segments[i]), bytes[i], DissectorRun.TimeOf(i), sink);
        }
        dissector.OnGap(FlowDirection.FromResponder, 10, DissectorRun.T0, sink);
        dissector.OnData(FlowDirection.FromResponder, bytes[0], DissectorRun.T0, sink);
        dissector.OnEnd(DissectorRun.T0, sink);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
