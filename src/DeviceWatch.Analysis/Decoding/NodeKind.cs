namespace DeviceWatch.Analysis.Decoding;

/// <summary>What a <see cref="DecodedNode"/> holds.</summary>
internal enum NodeKind
{
    /// <summary>A source root (url, header, cookie, topic, body).</summary>
    Source,
    /// <summary>A map: JSON object, XML element with children, protobuf message, form.</summary>
    Object,
    /// <summary>An ordered list.</summary>
    Array,
    /// <summary>Text.</summary>
    String,
    /// <summary>A number kept as its original text.</summary>
    Number,
    /// <summary>true/false.</summary>
    Bool,
    /// <summary>null.</summary>
    Null,
    /// <summary>Binary content (a multipart file, an undecodable blob, a media file).</summary>
    Bytes,
}
