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

        if (format == "deflate" && !ZlibBlockHeaderValid(data.Span))
        {
            // Malformed before any output, as the stream would find, without the cost of its exception.
            return null;
        }

        if (format == "brotli")
        {
            return InflateBrotli(data.Span, budget, out cut);
        }

        byte[] rented = ArrayPool<byte>.Shared.Rent(Chunk);
        var output = new InflatedOutput(budget, Chunk);
        try
        {
            using var input = new ReadOnlyMemoryStream(data);
            using Stream stream = format switch
            {
                "gzip" => new GZipStream(input, CompressionMode.Decompress),
                "deflate" => new ZLibStream(input, CompressionMode.Decompress),
                "zstd" => new DecompressionStream(input),
                _ => throw new ArgumentOutOfRangeException(nameof(format)),
            };

            for (var want = output.NextRequest(); want > 0; want = output.NextRequest())
            {
                var n = stream.Read(rented, 0, want);
                if (n == 0 || !output.Append(rented.AsSpan(0, n)))
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or ZstdException or InvalidOperationException or ArgumentException or NotSupportedException)
        {
            if (output.Count == 0)
            {
                return null;
            }

            output.Cut = true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        cut = output.Cut;
        return output.ToArray();
    }

    // Brotli through the span decoder, which reports bad or missing input as a status instead of an exception (brotli
    // is only tried when declared, and a declared type on a corrupt body would otherwise cost one on every payload).
    // Same bytes, cut flag and budget use as reading a BrotliStream in 16 KB pieces.
    private static byte[]? InflateBrotli(ReadOnlySpan<byte> source, DecodeBudget budget, out bool cut)
    {
        using var decoder = new BrotliDecoder();
        byte[] rented = ArrayPool<byte>.Shared.Rent(Chunk);
        var output = new InflatedOutput(budget, Chunk);
        try
        {
            for (var want = output.NextRequest(); want > 0; want = output.NextRequest())
            {
                var status = decoder.Decompress(source, rented.AsSpan(0, want), out var consumed, out var written);
                source = source[consumed..];
                if (written > 0 && !output.Append(rented.AsSpan(0, written)))
                {
                    break;
                }

                // The end of the stream, or of the input before it (a stream reads that as its end too). With all input
                // consumed the decoder says it needs more even when it filled the buffer and has more to give.
                if (status == OperationStatus.Done || (status == OperationStatus.NeedMoreData && written < want))
                {
                    break;
                }

                if (status == OperationStatus.InvalidData)
                {
                    // Bad input: what came out before it is kept as a cut stream; nothing at all is malformed.
                    if (output.Count == 0)
                    {
                        cut = false;
                        return null;
                    }

                    output.Cut = true;
                    break;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        cut = output.Cut;
        return output.ToArray();
    }

    // The first deflate block header after a 2-byte zlib header (RFC 1951 section 3.2.3): reserved block type 3,
    // a stored block whose LEN and NLEN are not complements, or a dynamic block declaring more than 286 literal/length
    // or 30 distance codes is an error zlib reports before producing any byte. Too short to tell: left to the stream.
    private static bool ZlibBlockHeaderValid(ReadOnlySpan<byte> span)
    {
        if (span.Length < 3)
        {
            return true;
        }

        var header = span[2];
        switch ((header >> 1) & 3)
        {
            case 3:
                return false;
            case 0:
                return span.Length < 7 || (ushort)(span[3] | (span[4] << 8)) == (ushort)~(span[5] | (span[6] << 8));
            case 2:
                if (span.Length < 4)
                {
                    return true;
                }

                var hlit = (header >> 3) & 0x1f;
                var hdist = span[3] & 0x1f;
                return hlit <= 29 && hdist <= 29;
            default:
                return true;
        }
    }
}
