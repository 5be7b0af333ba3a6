namespace DeviceWatch.Analysis.Decoding;

/// <summary>One event of a document read by <see cref="SimpleXmlReader"/>, as <c>XmlReader</c> with the decoder's settings would report it.</summary>
/// <param name="Kind">What is reported.</param>
/// <param name="Name">The local name of an element or attribute (atomized in the decoder's name table); empty otherwise.</param>
/// <param name="Value">An attribute's value or a text run; null for elements and end tags.</param>
/// <param name="IsEmpty">True for an element written <c>&lt;a/&gt;</c>.</param>
internal readonly record struct XmlEvent(XmlEventKind Kind, string Name, string? Value, bool IsEmpty = false);
