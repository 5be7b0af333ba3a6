using DeviceWatch.Analysis.Detection;

namespace DeviceWatch.Analysis.Decoding;

/// <summary>Quick test for blobs that must go to the media or decompression path before any structural guess.</summary>
internal static class MediaSignatureProbe
{
    public static bool IsMediaOrCompressed(ReadOnlySpan<byte> span) =>
        MediaSignature.Sniff(span) is not null || CompressionSniffer.Detect(span, null) is "gzip" or "zstd";
}
