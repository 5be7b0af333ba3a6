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

        // zlib: CM=8, window <= 32K, header checksum (RFC 1950 section 2.2), no preset dictionary.
        if (span.Length >= 6 && (span[0] & 0x0f) == 8 && (span[0] >> 4) <= 7 && ((span[0] << 8) | span[1]) % 31 == 0
            && (span[1] & 0x20) == 0)
        {
            return "deflate";
        }

        return null;
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
