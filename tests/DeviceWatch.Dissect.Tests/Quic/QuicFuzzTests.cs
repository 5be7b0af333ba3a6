using CsCheck;
using DeviceWatch.Dissect.Common;
using DeviceWatch.Dissect.Quic;
using DeviceWatch.Dissect.Tls;
using static DeviceWatch.Dissect.Tests.Quic.QuicPacketBuilder;

namespace DeviceWatch.Dissect.Tests.Quic;

/// <summary>Random, mutated and randomly fragmented input: no exception, bounded memory, and fragmentation never changes the fact.</summary>
public sealed class QuicFuzzTests
{
    private static readonly DissectorLimits s_limits = new() { MaxTlsHandshake = 16 * 1024 };
    private static readonly byte[] Dcid = Convert.FromHexString("c0ffee00c0ffee00");
    private static readonly byte[] Scid = [0x42];
    private static readonly byte[] s_kyberHello = QuicTestHellos.KyberHello();
    private static readonly string s_kyberExpected = ExpectedKyber();

    /// <summary>Real client flows: the RFC packets (v1, v2), curl's first datagram, and the two-datagram Kyber hello.</summary>
    private static readonly byte[][][] s_flows =
    [
        [QuicPacketBuilderTests.RfcClientPacket(QuicVersionParameters.V1)],
        [QuicPacketBuilderTests.RfcClientPacket(QuicVersionParameters.V2)],
        [QuicCaptures.Datagrams(QuicInitialDissectorCaptureTests.CurlGoogle)[0].Payload],
        [
            Initial(QuicVersionParameters.V1, Dcid, Scid, 0, Crypto(0, s_kyberHello.AsSpan(0, 1100))),
            Initial(QuicVersionParameters.V1, Dcid, Scid, 1, Padded(Crypto(1100, s_kyberHello.AsSpan(1100)), 1100)),
        ],
    ];

    /// <summary>Decrypted-payload buffers, key derivations and the CRYPTO buffer (at most the limit plus its bitmap) stay under this.</summary>
    private static long AllocationBound(byte[][] datagrams) => 16 * 1024 * 2 + datagrams.Sum(d => d.Length) * 8L + 256 * 1024;

    private static string ExpectedKyber()
    {
        var tcp = QuicTestHellos.OverTcp(s_kyberHello);
        return QuicTestHellos.Describe(tcp with { Ja4 = "q" + tcp.Ja4[1..] });
    }

    private static bool FeedWithinBound(byte[][] datagrams)
    {
        var sink = new QuicFactRecorder();
        var dissector = new QuicInitialDissector(s_limits);
        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var datagram in datagrams)
        {
            dissector.OnDatagram(FlowDirection.FromOriginator, datagram, QuicTestHellos.Time, sink);
        }
        return GC.GetAllocatedBytesForCurrentThread() - before < AllocationBound(datagrams)
            && sink.Anomalies.All(a => a.StartsWith("quic/", StringComparison.Ordinal));
    }

    [Fact]
    public void OnDatagram_RandomBytesBehindV1OrV2LongHeader_NoExceptionAndBoundedMemory()
    {
        var header = Gen.Select(Gen.Byte, Gen.OneOfConst(QuicVersionParameters.Version1, QuicVersionParameters.Version2), Gen.Byte[0, 24])
            .Select((first, version, dcidLength) => new byte[] { (byte)(first | 0x80), (byte)(version >> 24), (byte)(version >> 16), (byte)(version >> 8), (byte)version, dcidLength });
        Gen.Select(header, Gen.Byte.Array[0, 1400]).Select((h, body) => (byte[])[.. h, .. body]).Array[1, 4]
            .Sample(FeedWithinBound, iter: 1000);
    }

    [Fact]
    public void OnDatagram_MutatedRealDatagrams_NoExceptionAndBoundedMemory()
    {
        // Edits land mostly in the cleartext header (first 64 bytes), where they change parsing rather than just failing the AEAD.
        var edit = Gen.Select(Gen.Frequency((3, Gen.Int[0, 63]), (1, Gen.Int[0, 1 << 16])), Gen.Byte);
        Gen.Select(Gen.Int[0, s_flows.Length - 1], edit.Array[1, 6], Gen.Int[0, 1300])
            .Select((index, edits, cut) =>
            {
                var flow = s_flows[index].Select(d => (byte[])d.Clone()).ToArray();
                foreach (var (position, value) in edits)
                {
                    var datagram = flow[position % flow.Length];
                    datagram[position % datagram.Length] = value;
                }
                flow[^1] = flow[^1][..Math.Min(cut + 1, flow[^1].Length)];
                return flow;
            })
            .Sample(FeedWithinBound, iter: 1000);
    }

    [Fact]
    public void OnDatagram_RandomFramesInValidInitials_NoExceptionAndBoundedMemory()
    {
        // Properly encrypted packets whose frames are random: exercises the frame reader and the CRYPTO reassembler.
        var frame = Gen.Frequency(
            (3, Gen.Select(Gen.Frequency((3, Gen.ULong[0, 3000]), (1, Gen.ULong[0, (1UL << 62) - 1])), Gen.Byte.Array[0, 200])
                .Select((offset, data) => Crypto(offset, data))),
            (1, Gen.Byte.Array[0, 40].Select(b => (byte[])[0x02, .. b])),
            (1, Gen.Byte.Array[0, 40]),
            (1, Gen.Const(new byte[] { 0x00, 0x00, 0x01 })));
        frame.Array[1, 8].Select(frames => frames.SelectMany(f => f).ToArray()).Array[1, 5]
            .Select(payloads => payloads.Select((payload, i) => Initial(QuicVersionParameters.V1, Dcid, Scid, (ulong)i, payload.Length == 0 ? [0x01] : payload)).ToArray())
            .Sample(FeedWithinBound, iter: 600);
    }

    [Fact]
    public void OnDatagram_KyberHelloInRandomShuffledDuplicatedChunks_AlwaysTheSameFact()
    {
        // Cut points, a permutation with repeats, and how many frames go to each packet and packets to each datagram.
        Gen.Select(Gen.Int[1, s_kyberHello.Length - 1].Array[0, 12], Gen.Int[0, 1000].Array[1, 40], Gen.Int[1, 4], Gen.Int[1, 3])
            .Sample((cuts, order, framesPerPacket, packetsPerDatagram) =>
            {
                var bounds = cuts.Append(0).Append(s_kyberHello.Length).Distinct().Order().ToArray();
                var chunks = bounds.Zip(bounds.Skip(1), (start, end) => Crypto((ulong)start, s_kyberHello.AsSpan(start, end - start))).ToList();
                // Every chunk at least once, in an order (and with duplicates) drawn from `order`.
                var sequence = chunks.Select((c, i) => (Key: order[i % order.Length] * 100 + i, Frame: c))
                    .Concat(order.Take(3).Select(o => (Key: o * 100 + 99, Frame: chunks[o % chunks.Count])))
                    .OrderBy(x => x.Key)
                    .Select(x => x.Frame)
                    .ToList();
                var packets = sequence.Chunk(framesPerPacket)
                    .Select((frames, i) => Initial(QuicVersionParameters.V1, Dcid, Scid, (ulong)i, frames.SelectMany(f => f).ToArray()))
                    .ToList();
                var datagrams = packets.Chunk(packetsPerDatagram).Select(p => p.SelectMany(x => x).ToArray()).ToList();

                var sink = QuicTestHellos.Feed(datagrams);

                return sink.Anomalies.Count == 0
                    && sink.Facts.Count == 1
                    && QuicTestHellos.Describe((TlsClientHello)sink.Facts[0]) == s_kyberExpected;
            }, iter: 300);
    }

    [Fact]
    public void Probe_RandomBytes_NeverThrows() =>
        Gen.Select(Gen.Byte, Gen.Byte.Array[0, 60]).Select((b, rest) => (byte[])[(byte)(b | 0x80), 0, 0, 0, 1, .. rest])
            .Sample(bytes => Enum.IsDefined(QuicInitialDissector.Probe(bytes)) && Enum.IsDefined(QuicInitialDissector.Probe(bytes.AsSpan(5))), iter: 5000);
}
