using System.Buffers;
using System.IO.Compression;
using ZstdSharp;

namespace DeviceWatch.Analysis.Decoding;

/// <summary>Inflates gzip, zlib (deflate), brotli and zstd blobs without ever producing more than the budget allows.</summary>
internal static class Decompressor
{
    private const int Chunk = 16 * 1024;

    /// <summary>
    /// Inflates <paramref name="data"/>; returns null when the input is malformed before any output. Output
    /// beyond the remaining budget is cut (<paramref name="cut"/> set) and the budget marked exhausted.
    /// </summary>
    public static byte[]? Inflate(ReadOnlyMemory<byte> data, string format, DecodeBudget budget, out bool cut)
    {
        cut = false;
        var remaining = budget.RemainingBytes;
        if (remaining <= 0)
        {
            budget.MarkExhausted();
            return null;
        }

        byte[] rented = ArrayPool<byte>.Shared.Rent(Chunk);
        var output = new ArrayBufferWriter<byte>(Math.Min(Chunk, (int)Math.Min(remaining, int.MaxValue)));
        try
        {
            using var input = new ReadOnlyMemoryStream(data);
            using Stream stream = format switch
            {
                "gzip" => new GZipStream(input, CompressionMode.Decompress),
                "deflate" => new ZLibStream(input, CompressionMode.Decompress),
                "brotli" => new BrotliStream(input, CompressionMode.Decompress),
                "zstd" => new DecompressionStream(input),
                _ => throw new ArgumentOutOfRangeException(nameof(format)),
            };

            while (true)
            {
                if (!budget.HasTimeNow())
                {
                    cut = true;
                    break;
                }

                var want = (int)Math.Min(Chunk, budget.RemainingBytes + 1);
                if (want <= 0)
                {
                    cut = true;
                    budget.MarkExhausted();
                    break;
                }

                var n = stream.Read(rented, 0, want);
                if (n == 0)
                {
                    break;
                }

                if (!budget.TryReserve(n))
                {
                    // Keep what still fits, then stop: the budget is a hard ceiling.
                    var fit = (int)budget.RemainingBytes;
                    budget.TryReserve(fit);
                    output.Write(rented.AsSpan(0, fit));
                    cut = true;
                    break;
                }

                output.Write(rented.AsSpan(0, n));
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or ZstdException or InvalidOperationException or ArgumentException or NotSupportedException)
        {
            if (output.WrittenCount == 0)
            {
                return null;
            }

            cut = true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return output.WrittenSpan.ToArray();
    }
}
