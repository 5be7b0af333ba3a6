namespace DeviceWatch.Analysis.Decoding;

/// <summary>Recognises compressed blobs by magic bytes (gzip, zlib, zstd) or by a declared type (brotli, deflate).</summary>
internal static class CompressionSniffer
{
    public static string? Detect(ReadOnlySpan<byte> span, string? contentType) => DetectMagic(span) ?? DeclaredFormat(contentType);

    /// <summary>The compression recognised by magic bytes alone (gzip, zstd, zlib), null when none.</summary>
    public static string? DetectMagic(ReadOnlySpan<byte> span)
    {
        if (span.Length >= 10 && span[0] == 0x1f && span[1] == 0x8b && span[2] == 8)
        {
            return "gzip";
        }

        if (span.Length >= 8 && span[0] == 0x28 && span[1] == 0xb5 && span[2] == 0x2f && span[3] == 0xfd)
        {
            return "zstd";
        }

        // zlib: CM=8, window <= 32K, header checksum (RFC 1950 section 2.2), no preset dictionary, and a first
        // DEFLATE block header that can be valid. Only 0x78 (32K window) is common; a smaller window that is also a
        // well-formed protobuf message of two or more fields is read as protobuf (a zlib stream almost never is
        // one), so such a message is not handed to the inflater, which would throw on it.
        if (span.Length >= 6 && (span[0] & 0x0f) == 8 && (span[0] >> 4) <= 7 && ((span[0] << 8) | span[1]) % 31 == 0
            && (span[1] & 0x20) == 0 && FirstBlockMayBeValid(span[2..])
            && (span[0] == 0x78 || !(ProtobufDecoder.Validate(span, out var fields) && fields >= 2)))
        {
            return "deflate";
        }

        return null;
    }

    // RFC 1951 section 3.2.3: block type 3 is reserved; a stored block's LEN and NLEN are one's complements; a
    // dynamic block has at most 286 literal/length and 30 distance codes.
    private static bool FirstBlockMayBeValid(ReadOnlySpan<byte> deflate)
    {
        var type = (deflate[0] >> 1) & 3;
        return type switch
        {
            3 => false,
            0 => deflate.Length >= 5 && (deflate[1] ^ deflate[3]) == 0xff && (deflate[2] ^ deflate[4]) == 0xff,
            2 => (deflate[0] >> 3) <= 29 && deflate.Length >= 2 && (deflate[1] & 0x1f) <= 29,
            _ => true,
        };
    }

    /// <summary>The compression a content type declares for formats without magic bytes (brotli; zstd), null when none.</summary>
    public static string? DeclaredFormat(string? contentType)
    {
        if (contentType is not null)
        {
            if (contentType.Contains("brotli", StringComparison.OrdinalIgnoreCase) || contentType.Contains("x-br", StringComparison.OrdinalIgnoreCase))
            {
                return "brotli";
            }

            if (contentType.Contains("zstd", StringComparison.OrdinalIgnoreCase))
            {
                return "zstd";
            }
        }

        return null;
    }
}
