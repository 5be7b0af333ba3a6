using System.Xml;

namespace DeviceWatch.Analysis.Decoding;

/// <summary>
/// What XML documents decoded into one tree share: reader settings with a name table, so element and attribute
/// names repeated across a device's documents are the same strings, and the path segments made from those names.
/// Bounded: both are replaced once <see cref="MaxNames"/> distinct names were seen.
/// </summary>
internal sealed class XmlNames
{
    /// <summary>Distinct names remembered before the table and the segments start over.</summary>
    public const int MaxNames = 4096;

    private Dictionary<string, string> _elementSegments = new(ReferenceEqualityComparer.Instance);
    private Dictionary<string, string> _attributeSegments = new(ReferenceEqualityComparer.Instance);

    public XmlNames()
    {
        Settings = CreateSettings();
    }

    /// <summary>Reader settings: DTDs prohibited, no resolver, comments, processing instructions and whitespace skipped.</summary>
    public XmlReaderSettings Settings { get; private set; }

    /// <summary><c>/name</c> for an element name read with <see cref="Settings"/>.</summary>
    public string ElementSegment(string name) => Segment(_elementSegments, "/", name);

    /// <summary><c>/@name</c> for an attribute name read with <see cref="Settings"/>.</summary>
    public string AttributeSegment(string name) => Segment(_attributeSegments, "/@", name);

    private string Segment(Dictionary<string, string> segments, string prefix, string name)
    {
        // Names come atomized from the settings' name table: the same name is the same string, compared by reference.
        if (segments.TryGetValue(name, out var segment))
        {
            return segment;
        }

        if (_elementSegments.Count + _attributeSegments.Count >= MaxNames)
        {
            // Start over with a fresh name table, so neither it nor the segments grow without bound.
            _elementSegments = new Dictionary<string, string>(ReferenceEqualityComparer.Instance);
            _attributeSegments = new Dictionary<string, string>(ReferenceEqualityComparer.Instance);
            Settings = CreateSettings();
            return prefix + name;
        }

        segment = prefix + name;
        segments[name] = segment;
        return segment;
    }

    // Characters in a document never outnumber its bytes, and without a DTD nothing expands: no character limit needed.
    private static XmlReaderSettings CreateSettings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = true,
        NameTable = new NameTable(),
    };
}
