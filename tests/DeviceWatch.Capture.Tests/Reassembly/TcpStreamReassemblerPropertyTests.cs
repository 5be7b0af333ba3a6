using CsCheck;
using DeviceWatch.Capture.Reassembly;

namespace DeviceWatch.Capture.Tests.Reassembly;

public sealed class TcpStreamReassemblerPropertyTests
{
    private const long Iterations = 300;

    [Fact]
    public void OnSegment_ShuffledSegmentsWithRetransmissions_DeliversOriginalStreamOnce()
    {
        TcpStreamScenario.Consistent.Sample(
            scenario =>
            {
                var reassembler = new TcpStreamReassembler(maxBufferedBytes: 1 << 20);
                var output = new RecordingStreamOutput();

                scenario.Feed(reassembler, scenario.Segments, output);

                Assert.Equal(scenario.Stream, output.Data);
                Assert.Equal(scenario.Stream.Length, reassembler.DeliveredBytes);
                Assert.Equal(0, reassembler.MissedBytes);
                Assert.Equal(0, reassembler.BufferedBytes);
                Assert.Equal(0, reassembler.InconsistentOverlaps);
                Assert.True(reassembler.IsFinished);
                AssertChunksContiguous(output);

                reassembler.Close(output);
                Assert.Equal(scenario.Stream, output.Data);
            },
            iter: Iterations,
            threads: 1);
    }

    [Fact]
    public void OnSegment_ContradictingRetransmissions_FirstArrivingCopyOfEachByteWins()
    {
        TcpStreamScenario.Inconsistent.Sample(
            scenario =>
            {
                var reassembler = new TcpStreamReassembler(maxBufferedBytes: 1 << 20);
                var output = new RecordingStreamOutput();

                scenario.Feed(reassembler, scenario.Segments, output);

                Assert.Equal(FirstCopies(scenario), output.Data);
                Assert.Equal(0, reassembler.MissedBytes);
                Assert.True(reassembler.IsFinished);
            },
            iter: Iterations,
            threads: 1);
    }

    [Fact]
    public void OnSegment_DroppedSegmentsAnyCap_DeliveredPlusMissedIsStreamLength()
    {
        Gen.Select(TcpStreamScenario.Consistent, Gen.Int[0, 100], Gen.Int[0, 3_000], Gen.Int.Array[1, 64]).Sample(
            (scenario, dropPercent, cap, keys) =>
            {
                // Drop segments at random; a FIN-only segment at the end of the stream always arrives, somewhere.
                var survivors = scenario.Segments
                    .Where((_, i) => (uint)keys[i % keys.Length] % 100 >= dropPercent)
                    .ToList();
                survivors.Insert(
                    (int)((uint)keys[0] % (survivors.Count + 1)),
                    new TcpTestSegment(scenario.Stream.Length, [], Fin: true));
                var reassembler = new TcpStreamReassembler(cap);
                var output = new RecordingStreamOutput();

                scenario.Feed(reassembler, survivors, output);
                reassembler.Close(output);

                Assert.Equal(scenario.Stream.Length, reassembler.DeliveredBytes + reassembler.MissedBytes);
                Assert.Equal(scenario.Stream.Length, output.Position);
                Assert.True(reassembler.PeakBufferedBytes <= cap);
                Assert.Equal(0, reassembler.BufferedBytes);
                foreach ((long offset, byte[] bytes) in output.Chunks)
                {
                    Assert.Equal(scenario.Stream[(int)offset..((int)offset + bytes.Length)], bytes);
                }
            },
            iter: Iterations,
            threads: 1);
    }

    private static byte[] FirstCopies(TcpStreamScenario scenario)
    {
        var expected = new byte[scenario.Stream.Length];
        var seen = new bool[expected.Length];
        IEnumerable<TcpTestSegment> arrivals = scenario.Segments.Prepend(new TcpTestSegment(0, scenario.SynData, Fin: false));
        foreach (TcpTestSegment segment in arrivals)
        {
            for (int i = 0; i < segment.Data.Length; i++)
            {
                int at = segment.Offset + i;
                if (!seen[at])
                {
                    seen[at] = true;
                    expected[at] = segment.Data[i];
                }
            }
        }

        Assert.All(seen, Assert.True); // the base cut covers the whole stream
        return expected;
    }

    private static void AssertChunksContiguous(RecordingStreamOutput output)
    {
        long expectedOffset = 0;
        foreach ((long offset, byte[] bytes) in output.Chunks)
        {
            Assert.Equal(expectedOffset, offset);
            expectedOffset += bytes.Length;
        }
    }
}
