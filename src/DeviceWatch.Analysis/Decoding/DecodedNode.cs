namespace DeviceWatch.Analysis.Decoding;

/// <summary>
/// One node of a decoded payload. Nodes are stored in pre-order in a <see cref="DecodedTree"/>; the subtree of
/// a node spans <c>[Index, End)</c>. A string leaf whose text decoded to nested content also has children.
/// </summary>
internal sealed class DecodedNode
{
    /// <summary>Kind of value.</summary>
    public NodeKind Kind { get; set; }
    /// <summary>Position in the tree.</summary>
    public int Index { get; init; }
    /// <summary>Parent position, -1 for a source root.</summary>
    public int Parent { get; init; }
    /// <summary>Exclusive end of the subtree in pre-order.</summary>
    public int End { get; set; }
    /// <summary>Path segment relative to the parent (<c>.lat</c>, <c>[0]</c>, <c>#3</c>, <c>body:</c>).</summary>
    public required string Segment { get; init; }
    /// <summary>Member name, or the enclosing member name for array items; null when none.</summary>
    public string? Key { get; init; }
    /// <summary><see cref="Key"/> lower-cased with separators removed (<c>gps_Lat</c> → <c>gpslat</c>).</summary>
    public string NormKey { get; init; } = "";
    /// <summary>True for items of an array.</summary>
    public bool IsArrayItem { get; init; }
    /// <summary>String value, or the original text of a number or bool.</summary>
    public string? Text { get; set; }
    /// <summary>Binary value for <see cref="NodeKind.Bytes"/>.</summary>
    public ReadOnlyMemory<byte> Bytes { get; set; }
    /// <summary>Content type of a binary value when known (declared or sniffed).</summary>
    public string? ContentType { get; set; }
    /// <summary>Decoding chain that produced this node, e.g. <c>json&gt;base64&gt;gzip&gt;json</c>.</summary>
    public string Encoding { get; init; } = "";
    /// <summary>True for protobuf fixed64 doubles (schema-less location heuristic).</summary>
    public bool IsWireDouble { get; init; }
    /// <summary>Protobuf field number, 0 elsewhere.</summary>
    public int FieldNumber { get; init; }
    /// <summary>Nesting depth including decoding layers.</summary>
    public int Depth { get; init; }

    /// <summary>True when the node has children.</summary>
    public bool HasChildren => End > Index + 1;

    /// <summary>True for String, Number and Bool nodes.</summary>
    public bool IsScalar => Kind is NodeKind.String or NodeKind.Number or NodeKind.Bool;

    /// <inheritdoc />
    public override string ToString() => $"{Index}:{Kind} {Segment} {Key} = {Text}";
}
