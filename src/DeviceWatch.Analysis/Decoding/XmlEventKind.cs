namespace DeviceWatch.Analysis.Decoding;

/// <summary>What an <see cref="XmlEvent"/> of <see cref="SimpleXmlReader"/> reports.</summary>
internal enum XmlEventKind : byte
{
    /// <summary>A start tag (its attributes follow as <see cref="Attribute"/> events).</summary>
    Element,

    /// <summary>An attribute of the element before it (namespace declarations are left out).</summary>
    Attribute,

    /// <summary>A run of character data that is not only whitespace, entities replaced.</summary>
    Text,

    /// <summary>An end tag (not reported for an empty element, <c>&lt;a/&gt;</c>).</summary>
    EndElement,
}
