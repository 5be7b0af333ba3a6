using CsCheck;
using DeviceWatch.Capture.Reassembly;

namespace DeviceWatch.Capture.Tests.Reassembly;

/// <summary>
/// A random TCP byte stream cut into segments (covering the whole stream, plus retransmissions and overlaps
/// of random extents) in a random arrival order. Offsets are relative to the first data byte.
/// </summary>
internal sealed record TcpStreamScenario(byte[] Stream, uint InitialSequence, byte[] SynData, TcpTestSegment[] Segments)
{
    /// <summary>Initial sequence numbers anywhere, often just below the 2^32 wrap-around.</summary>
    public static readonly Gen<uint> InitialSequences =
        Gen.OneOf(Gen.UInt, Gen.UInt[uint.MaxValue - 4_000, uint.MaxValue]);

    /// <summary>Scenarios whose retransmissions carry the same bytes as the stream.</summary>
    public static Gen<TcpStreamScenario> Consistent { get; } = Generate(consistent: true);

    /// <summary>Scenarios whose retransmissions carry random bytes (contradicting the stream).</summary>
    public static Gen<TcpStreamScenario> Inconsistent { get; } = Generate(consistent: false);

    /// <summary>Feeds the SYN (with <see cref="SynData"/>, the first bytes of the stream, or none), then <paramref name="segments"/> in order.</summary>
    public void Feed(TcpStreamReassembler reassembler, IEnumerable<TcpTestSegment> segments, ITcpStreamOutput output)
    {
        reassembler.OnSegment(InitialSequence, SynData, syn: true, fin: false, output);
        foreach (TcpTestSegment segment in segments)
        {
            reassembler.OnSegment(
                unchecked(InitialSequence + 1 + (uint)segment.Offset), segment.Data, syn: false, segment.Fin, output);
        }
    }

    public override string ToString() =>
        $"length {Stream.Length}, isn {InitialSequence}, syn data {SynData.Length}: {string.Join(" ", Segments.Select(s => s.ToString()))}";

    private static Gen<TcpStreamScenario> Generate(bool consistent) =>
        from stream in Gen.Byte.Array[1, 3_000]
        from isn in InitialSequences
        from cuts in Gen.Int[1, Math.Max(1, stream.Length - 1)].Array[0, 40]
        from extras in Gen.Select(Gen.Int[0, stream.Length - 1], Gen.Int[1, 400], Gen.Byte.Array[400]).Array[0, 30]
        from synCarriesData in Gen.Bool
        from order in Gen.Int.Array[cuts.Length + extras.Length + 1]
        select Build(stream, isn, cuts, extras, synCarriesData, order, consistent);

    private static TcpStreamScenario Build(
        byte[] stream, uint isn, int[] cuts, (int Start, int Length, byte[] Noise)[] extras, bool synCarriesData, int[] order, bool consistent)
    {
        var segments = new List<TcpTestSegment>();
        int[] bounds = [0, .. cuts.Where(c => c < stream.Length).Distinct().Order(), stream.Length];
        for (int i = 0; i + 1 < bounds.Length; i++)
        {
            segments.Add(new TcpTestSegment(bounds[i], stream[bounds[i]..bounds[i + 1]], Fin: bounds[i + 1] == stream.Length));
        }

        foreach ((int start, int length, byte[] noise) in extras)
        {
            int end = Math.Min(stream.Length, start + length);
            byte[] data = consistent ? stream[start..end] : noise[..(end - start)];
            segments.Add(new TcpTestSegment(start, data, Fin: end == stream.Length));
        }

        TcpTestSegment[] shuffled = [.. segments.Select((s, i) => (s, Key: order[i % order.Length], i)).OrderBy(x => x.Key).ThenBy(x => x.i).Select(x => x.s)];
        return new TcpStreamScenario(stream, isn, synCarriesData ? stream[..bounds[1]] : [], shuffled);
    }
}
