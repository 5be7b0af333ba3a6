using System.Xml;

namespace DeviceWatch.Analysis.Decoding;

/// <summary>
/// What XML documents decoded into one tree share: reader settings with a name table, so element and attribute
/// names repeated across a device's documents are the same strings, and the path segments made from those names.
/// Bounded: both are replaced once <see cref="MaxNames"/> distinct names were seen, and every <see cref="MaxDocuments"/>
/// documents.
/// </summary>
internal sealed class XmlNames
{
    /// <summary>Distinct names remembered before the table and the segments start over.</summary>
    public const int MaxNames = 4096;

    /// <summary>
    /// Documents read before the name table starts over anyway: <see cref="XmlReader"/> also puts namespace prefixes
    /// and URIs in it, which no segment counts.
    /// </summary>
    public const int MaxDocuments = 4096;

    private int _documentsRead;

    private Dictionary<string, string> _elementSegments = new(ReferenceEqualityComparer.Instance);
    private Dictionary<string, string> _attributeSegments = new(ReferenceEqualityComparer.Instance);

    public XmlNames()
    {
        Settings = CreateSettings();
    }

    /// <summary>The buffer <see cref="SimpleXmlReader"/> atomizes names through.</summary>
    public char[] NameBuffer { get; } = new char[SimpleXmlReader.MaxName];

    /// <summary>
    /// Event lists of the documents <see cref="SimpleXmlReader"/> reads, one per nesting level; emptied when given back
    /// (they would hold the last document's texts) and shrunk when one grew large.
    /// </summary>
    public NestedLender<List<XmlEvent>> Events { get; } = new(() => new List<XmlEvent>(64), static list =>
    {
        list.Clear();
        if (list.Capacity > 4096)
        {
            list.Capacity = 64;
        }
    });

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
            StartOver();
            return prefix + name;
        }

        segment = prefix + name;
        segments[name] = segment;
        return segment;
    }

    /// <summary>Counts a document about to be read; every <see cref="MaxDocuments"/> documents the names start over.</summary>
    public void CountDocument()
    {
        if (++_documentsRead >= MaxDocuments)
        {
            StartOver();
        }
    }

    // A fresh name table and segments, so neither grows without bound.
    private void StartOver()
    {
        _elementSegments = new Dictionary<string, string>(ReferenceEqualityComparer.Instance);
        _attributeSegments = new Dictionary<string, string>(ReferenceEqualityComparer.Instance);
        Settings = CreateSettings();
        _documentsRead = 0;
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
