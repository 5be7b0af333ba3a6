using System.Globalization;
using DeviceWatch.Analysis.Decoding;
using DeviceWatch.Core.Analysis;

namespace DeviceWatch.Analysis.Detection;

/// <summary>
/// Finds face and fingerprint templates: fields named for faces or fingerprints (English, pinyin, Chinese) whose
/// value is substantial — at least 256 bytes of binary, 128+ characters of base64/hex, or 64+ numbers (an embedding).
/// Device/certificate "fingerprints" (short hashes) are excluded by the size rule and by name.
/// </summary>
internal sealed class BiometricDetector : IDetector
{
    private static readonly string[] FaceWords = ["face", "renlian", "人脸", "facial"];
    private static readonly string[] FaceExclusions = ["interface", "surface", "facebook", "typeface", "faceted", "fontface", "facet"];
    private static readonly string[] FingerWords = ["fingerprint", "finger", "zhiwen", "指纹", "fptemplate", "fpdata", "fpfeature", "minutiae"];
    private static readonly string[] FingerExclusions = ["device", "cert", "tls", "build", "browser", "ja3", "ssl", "key", "sha", "md5", "app", "sign"];

    /// <summary>The biometric traits of a normalized member name (see <see cref="KeyClassifier"/>).</summary>
    public static KeyTraits TraitsOf(string key)
    {
        if (key.Length < 4)
        {
            return KeyTraits.None;
        }

        if (Has(key, FaceWords) && !Has(key, FaceExclusions))
        {
            return KeyTraits.Face;
        }

        return Has(key, FingerWords) && !Has(key, FingerExclusions) ? KeyTraits.Fingerprint : KeyTraits.None;
    }

    /// <summary>False when the tree has no face or fingerprint name.</summary>
    public static bool MayFind(KeyTraits all) => (all & (KeyTraits.Face | KeyTraits.Fingerprint)) != 0;

    public void Detect(DecodedTree tree, List<DetectedDatum> results)
    {
        var skipUntil = -1;
        foreach (var node in tree.Nodes)
        {
            if (node.Index < skipUntil || node.IsArrayItem)
            {
                continue;
            }

            var traits = node.Traits;
            string? type = null;
            if ((traits & KeyTraits.Face) != 0)
            {
                type = DataTypes.BiometricFace;
            }
            else if ((traits & KeyTraits.Fingerprint) != 0)
            {
                type = DataTypes.BiometricFingerprint;
            }

            if (type is null)
            {
                continue;
            }

            var size = SubstantialSize(tree, node);
            if (size > 0)
            {
                results.Add(new DetectedDatum(type, node.Index,
                    string.Create(CultureInfo.InvariantCulture, $"<{(type == DataTypes.BiometricFace ? "face" : "fingerprint")} template {size} bytes>")));
                skipUntil = node.End;
            }
        }
    }

    private static int SubstantialSize(DecodedTree tree, DecodedNode node)
    {
        switch (node.Kind)
        {
            case NodeKind.Bytes:
                return node.Bytes.Length >= 256 ? node.Bytes.Length : 0;
            case NodeKind.String when node.Text is { Length: >= 128 } t:
                if (NumberText.IsHex(t))
                {
                    return t.Length / 2;
                }

                return TextEncodings.Classify(t, 16, 16) is "base64" or "base64url" ? t.Length * 3 / 4 : 0;
            case NodeKind.Array:
            {
                var numbers = 0;
                foreach (var c in tree.Children(node.Index))
                {
                    if (c.Kind != NodeKind.Number)
                    {
                        return 0;
                    }

                    numbers++;
                }

                return numbers >= 64 ? numbers * 4 : 0;
            }

            default:
                return 0;
        }
    }

    private static bool Has(string key, string[] words)
    {
        foreach (var w in words)
        {
            if (key.Contains(w, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
