using DeviceWatch.Analysis.Detection;

namespace DeviceWatch.Analysis.Decoding;

/// <summary>
/// A member name as decoders meet it, with what every detector needs to know about it computed once:
/// the normalized name, the <c>.name</c> path segment and the <see cref="KeyTraits"/>. Shared by all nodes
/// with the same name through a <see cref="KeyTable"/>.
/// </summary>
internal sealed class FieldKey
{
    private string? _memberSegment;

    public FieldKey(string? key)
    {
        Key = key;
        NormKey = key is null ? "" : KeyNormalizer.Normalize(key);
        // Classified at once: every key the tree stores is asked for its traits by the summary pass anyway, and a
        // plain field read keeps that pass and every detector's check free of a call.
        Traits = KeyClassifier.Classify(NormKey, out var gps);
        Gps = gps;
    }

    /// <summary>The key of nodes without a member name.</summary>
    public static FieldKey None { get; } = new(null);

    /// <summary>The name as sent; null for none.</summary>
    public string? Key { get; }

    /// <summary>Lower case, separators removed.</summary>
    public string NormKey { get; }

    /// <summary>The path segment of an object member: <c>.name</c>.</summary>
    public string MemberSegment => _memberSegment ??= "." + Key;

    /// <summary>What the name means to detectors.</summary>
    public KeyTraits Traits { get; }

    /// <summary>How the name reads as half of a latitude/longitude pair (prefix and scale), null when it does not.</summary>
    public GpsKeyMatch? Gps { get; }

    /// <summary>The name as UTF-8 when it was looked up from UTF-8 (see <see cref="KeyTable.GetUtf8"/>).</summary>
    public byte[]? Utf8 { get; set; }

    /// <summary>The name that followed this one the last time (documents of a device repeat their member order).</summary>
    public FieldKey? Successor { get; set; }

    /// <summary>The known-value index <see cref="HoldsNeedle"/> was worked out for (names are shared across payloads).</summary>
    public object? NeedleCheckedBy { get; set; }

    /// <summary>True when the name contains a needle of <see cref="NeedleCheckedBy"/>.</summary>
    public bool HoldsNeedle { get; set; }
}
