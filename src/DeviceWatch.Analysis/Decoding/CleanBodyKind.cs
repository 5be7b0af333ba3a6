namespace DeviceWatch.Analysis.Decoding;

/// <summary>
/// How completely the body's raw text is represented by the decoded tree. For a clean body every byte is
/// structure (JSON punctuation, whitespace and <c>null</c>; form <c>&amp;</c> and <c>=</c>) or lies inside one
/// leaf text or one member name exactly as sent, so a search of leaves and names finds what a search of the raw
/// body finds, except text that spans structure.
/// </summary>
internal enum CleanBodyKind
{
    /// <summary>Nothing is promised (binary, escaped, compressed, partial or not decoded).</summary>
    None,
    /// <summary>A complete JSON document without escapes, comments or a byte-order mark.</summary>
    Json,
    /// <summary>
    /// An ASCII form without percent-escapes or nameless pairs. A <c>+</c> stands for a space in the leaves and
    /// counts as structure: text holding a <c>+</c> is searched in the raw body.
    /// </summary>
    Form,
}
