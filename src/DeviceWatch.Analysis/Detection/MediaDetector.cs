using System.Globalization;
using DeviceWatch.Analysis.Decoding;

namespace DeviceWatch.Analysis.Detection;

/// <summary>
/// Finds images, audio and video: binary nodes whose magic bytes (JPEG, PNG, GIF, WebP, MP4/ftyp, H.264/H.265
/// Annex B, Ogg/Opus, AMR, WAV, AAC ADTS, FLAC, MP3, WebM) or declared content type say so.
/// The value is a description such as <c>&lt;image/jpeg 12345 bytes&gt;</c>.
/// </summary>
internal sealed class MediaDetector : IDetector
{
    public void Detect(DecodedTree tree, List<DetectedDatum> results)
    {
        foreach (var node in tree.Nodes)
        {
            if (node.Kind != NodeKind.Bytes || node.Bytes.Length < 8)
            {
                continue;
            }

            var type = MediaSignature.Sniff(node.Bytes.Span) ?? node.ContentType;
            var dataType = MediaSignature.DataTypeOf(type);
            if (dataType is not null)
            {
                results.Add(new DetectedDatum(dataType, node.Index, Describe(type!, node.Bytes.Length)));
            }
        }
    }

    /// <summary>The value written for media: <c>&lt;image/jpeg 12345 bytes&gt;</c>.</summary>
    public static string Describe(string contentType, int length) =>
        string.Create(CultureInfo.InvariantCulture, $"<{contentType.Split(';')[0].Trim().ToLowerInvariant()} {length} bytes>");
}
