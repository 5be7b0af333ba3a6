using System.IO.Compression;
using System.Runtime.InteropServices;

namespace DeviceWatch.Dissect.Http;

/// <summary>
/// Decodes Content-Encoding gzip, deflate (zlib or raw) and br, with the decoded size capped against
/// decompression bombs (RFC 9110 §8.4.1). Codings listed in order of application are undone in reverse.
/// </summary>
internal static class HttpContentDecoder
{
    private enum Coding
    {
        Gzip,
        Deflate,
        Brotli,
    }

    /// <summary>
    /// Decodes <paramref name="raw"/> per <paramref name="contentEncoding"/>. When <paramref name="rawTruncated"/>
    /// the decodable prefix is kept; <paramref name="truncated"/> tells whether the output is cut short.
    /// </summary>
    public static HttpDecodeOutcome Decode(
        ReadOnlyMemory<byte> raw, string? contentEncoding, bool rawTruncated, int maxDecoded,
        out ReadOnlyMemory<byte> decoded, out bool truncated, out string? decodedCodings)
    {
        decoded = raw;
        truncated = rawTruncated;
        decodedCodings = null;
        if (contentEncoding is null || raw.IsEmpty)
        {
            return HttpDecodeOutcome.NotEncoded;
        }

        Span<Coding> codings = stackalloc Coding[4];
        var count = 0;
        var text = contentEncoding.AsSpan();
        foreach (var range in text.Split(','))
        {
            var name = text[range].Trim(" \t");
            Coding coding;
            if (name.IsEmpty || name.Equals("identity", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            else if (name.Equals("gzip", StringComparison.OrdinalIgnoreCase) || name.Equals("x-gzip", StringComparison.OrdinalIgnoreCase))
            {
                coding = Coding.Gzip;
            }
            else if (name.Equals("deflate", StringComparison.OrdinalIgnoreCase))
            {
                coding = Coding.Deflate;
            }
            else if (name.Equals("br", StringComparison.OrdinalIgnoreCase))
            {
                coding = Coding.Brotli;
            }
            else
            {
                return HttpDecodeOutcome.Unsupported;
            }

            if (count == codings.Length)
            {
                return HttpDecodeOutcome.Unsupported;
            }

            codings[count++] = coding;
        }

        if (count == 0)
        {
            return HttpDecodeOutcome.NotEncoded;
        }

        var current = raw;
        var currentTruncated = rawTruncated;
        for (var i = count - 1; i >= 0; i--)
        {
            if (!TryDecodeOne(current, codings[i], currentTruncated, maxDecoded, out current, out currentTruncated))
            {
                return HttpDecodeOutcome.Failed;
            }
        }

        decoded = current;
        truncated = currentTruncated;
        decodedCodings = count == 1 ? Name(codings[0]) : string.Join(", ", codings[..count].ToArray().Select(Name));
        return HttpDecodeOutcome.Decoded;
    }

    private static string Name(Coding coding) => coding switch
    {
        Coding.Gzip => "gzip",
        Coding.Deflate => "deflate",
        _ => "br",
    };

    private static bool TryDecodeOne(
        ReadOnlyMemory<byte> input, Coding coding, bool inputTruncated, int maxDecoded,
        out ReadOnlyMemory<byte> output, out bool truncated)
    {
        output = ReadOnlyMemory<byte>.Empty;
        truncated = inputTruncated;
        maxDecoded = Math.Max(0, maxDecoded);
        var buffer = new byte[(int)Math.Min(Math.Max(input.Length * 4L, 256), maxDecoded)];
        var length = 0;
        try
        {
            using var source = MemoryMarshal.TryGetArray(input, out var segment)
                ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
                : new MemoryStream(input.ToArray(), writable: false);
            using Stream decoder = coding switch
            {
                Coding.Gzip => new GZipStream(source, CompressionMode.Decompress),
                Coding.Deflate when LooksLikeZlib(input.Span) => new ZLibStream(source, CompressionMode.Decompress),
                Coding.Deflate => new DeflateStream(source, CompressionMode.Decompress),
                _ => new BrotliStream(source, CompressionMode.Decompress),
            };

            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length >= maxDecoded)
                    {
                        // At the cap: one more byte means the decoded body is longer than what is kept.
                        Span<byte> probe = stackalloc byte[1];
                        truncated |= decoder.Read(probe) > 0;
                        break;
                    }

                    Array.Resize(ref buffer, (int)Math.Min(maxDecoded, buffer.Length * 2L));
                }

                var read = decoder.Read(buffer, length, buffer.Length - length);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or InvalidOperationException)
        {
            // Bad data: InvalidDataException from gzip and deflate, InvalidOperationException from BrotliStream
            // ("Decoder ran into invalid data"), or a zlib status .NET does not map to bad data, such as a preset
            // dictionary the header asks for (ZLibException, an IOException). A body cut by the capture cap or a gap
            // ends mid-stream: keep the prefix that decoded.
            if (!inputTruncated || length == 0)
            {
                return false;
            }

            truncated = true;
        }

        output = length == buffer.Length ? buffer : buffer.AsSpan(0, length).ToArray();
        return true;
    }

    private static bool LooksLikeZlib(ReadOnlySpan<byte> data) =>
        data.Length >= 2 && (data[0] & 0x0F) == 8 && (data[0] >> 4) <= 7 && ((data[0] << 8) | data[1]) % 31 == 0;
}
