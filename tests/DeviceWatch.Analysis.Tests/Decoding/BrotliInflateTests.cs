using System.IO.Compression;
using CsCheck;
using DeviceWatch.Analysis.Decoding;

namespace DeviceWatch.Analysis.Tests.Decoding;

/// <summary>
/// Brotli is inflated with the span decoder (no exception on bad input); the result must be what reading a
/// BrotliStream to its end gave: the same bytes, the same cut flag, null where nothing came out.
/// </summary>
public sealed class BrotliInflateTests
{
    // The default 50 ms is wall-clock time from the first chunk: on a loaded box (CI, CsCheck's threads) a 60 KB
    // stream could run out of it after one 16 KB chunk and come out cut. These tests compare bytes, not time.
    private static readonly DecoderLimits UntimedLimits = DecoderLimits.Default with { TimeBudget = TimeSpan.FromHours(1) };

    // The stream-based inflation the decoder used before, as the reference: the bytes read and whether it threw.
    private static (byte[] Bytes, bool Threw) ViaStream(byte[] data)
    {
        var output = new MemoryStream();
        try
        {
            // Read in 16 KB pieces, as the decoder did: bytes of pieces before a bad one are kept.
            using var stream = new BrotliStream(new MemoryStream(data), CompressionMode.Decompress);
            var piece = new byte[16 * 1024];
            int n;
            while ((n = stream.Read(piece, 0, piece.Length)) > 0)
            {
                output.Write(piece, 0, n);
            }
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException)
        {
            return (output.ToArray(), true);
        }

        return (output.ToArray(), false);
    }

    private static byte[] Compress(byte[] data)
    {
        var output = new MemoryStream();
        using (var stream = new BrotliStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            stream.Write(data);
        }

        return output.ToArray();
    }

    // A stream the reference reads to its end gives the same bytes, not cut. Where the reference throws, the span
    // decoder throws nothing: it gives null (nothing came out) or the bytes that came out before the bad input, cut.
    // It sees the whole input at once and may find the bad input a few bytes earlier or later than the stream, which
    // was fed 64 KB at a time: one result is a prefix of the other.
    private static void CheckSameAsStream(byte[] data)
    {
        var expected = ViaStream(data);
        var budget = new DecodeBudget(UntimedLimits);
        var thrown = ThrownExceptions.On(() =>
        {
            var actual = Decompressor.Inflate(data, "brotli", budget, out var cut);
            if (!expected.Threw)
            {
                Assert.Equal(expected.Bytes, actual);
                Assert.False(cut);
            }
            else if (actual is not null)
            {
                Assert.True(cut, "a stream stopped by bad input is cut");
                Assert.NotEmpty(actual);
                var shorter = Math.Min(actual.Length, expected.Bytes.Length);
                Assert.Equal(expected.Bytes.AsSpan(0, shorter).ToArray(), actual.AsSpan(0, shorter).ToArray());
            }
        });
        Assert.Equal(0, thrown);
    }

    [Fact]
    public void Inflate_ValidTruncatedAndDamagedStreams_SameAsTheStreamWithoutExceptions()
    {
        // Up to 60 KB of output, so that a bad byte can come after whole 16 KB pieces.
        var text = Gen.String[Gen.Char["{}\"abc:,0123456789 "], 0, 60_000].Select(s => System.Text.Encoding.UTF8.GetBytes(s));
        var random = Gen.Byte.Array[0, 60_000];
        Gen.Select(Gen.OneOf(text, random), Gen.Int[0, 3], Gen.Int, Gen.Byte)
            .Sample((plain, shape, at, value) =>
            {
                var packed = Compress(plain);
                var data = shape switch
                {
                    0 => packed,
                    1 => packed[..(Math.Abs(at) % (packed.Length + 1))],
                    2 => Damaged(packed, Math.Abs(at) % packed.Length, value),
                    _ => plain,
                };
                CheckSameAsStream(data);
            }, iter: 400);
    }

    [Fact]
    public void Inflate_EveryCutOfAStream_SameAsTheStream()
    {
        var packed = Compress(System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"lat\":39.9042,\"lng\":116.4074}", 200))));
        for (var n = 0; n <= packed.Length; n++)
        {
            CheckSameAsStream(packed[..n]);
        }
    }

    [Fact]
    public void Inflate_OverTheBudget_KeepsWhatFitsAndIsCut()
    {
        var plain = new byte[100_000];
        new Random(3).NextBytes(plain);
        var limits = UntimedLimits with { MaxDecodedBytes = 40_000 };
        var budget = new DecodeBudget(limits);
        var inflated = Decompressor.Inflate(Compress(plain), "brotli", budget, out var cut);
        Assert.True(cut);
        Assert.Equal(plain.AsSpan(0, 40_000).ToArray(), inflated);
        Assert.True(budget.Exhausted || budget.RemainingBytes == 0);
    }

    private static byte[] Damaged(byte[] packed, int at, byte value)
    {
        var copy = packed.ToArray();
        copy[at] ^= (byte)(value | 1);
        return copy;
    }
}
