using DeviceWatch.Analysis.Detection;

namespace DeviceWatch.Analysis.Decoding;

/// <summary>
/// One node of a decoded payload. Nodes are stored in pre-order in a <see cref="DecodedTree"/>; the subtree of
/// a node spans <c>[Index, End)</c>. A string leaf whose text decoded to nested content also has children.
/// Node objects are reused by the tree from one payload to the next (<see cref="DecodedTree.Reset"/>).
/// </summary>
internal sealed class DecodedNode
{
    private string? _text;
    private double _number;
    private int _decimals;
    private byte _numberState;

    /// <summary>Kind of value.</summary>
    public NodeKind Kind { get; set; }
    /// <summary>Position in the tree.</summary>
    public int Index { get; private set; }
    /// <summary>Parent position, -1 for a source root.</summary>
    public int Parent { get; private set; }
    /// <summary>Exclusive end of the subtree in pre-order.</summary>
    public int End { get; set; }
    /// <summary>Path segment relative to the parent (<c>.lat</c>, <c>[0]</c>, <c>#3</c>, <c>body:</c>).</summary>
    public string Segment { get; private set; } = "";
    /// <summary>The member name with its normalized form and detector traits (computed once per distinct name).</summary>
    public FieldKey Field { get; private set; } = FieldKey.None;
    /// <summary>Member name, or the enclosing member name for array items; null when none.</summary>
    public string? Key => Field.Key;
    /// <summary><see cref="Key"/> lower-cased with separators removed (<c>gps_Lat</c> → <c>gpslat</c>).</summary>
    public string NormKey => Field.NormKey;
    /// <summary>What the member name means to detectors (computed once per distinct name).</summary>
    public KeyTraits Traits => Field.Traits;
    /// <summary>True for items of an array.</summary>
    public bool IsArrayItem { get; private set; }

    /// <summary>String value, or the original text of a number or bool.</summary>
    public string? Text
    {
        get => _text;
        set
        {
            _text = value;
            _numberState = 0;
        }
    }

    /// <summary>Binary value for <see cref="NodeKind.Bytes"/>.</summary>
    public ReadOnlyMemory<byte> Bytes { get; set; }
    /// <summary>Content type of a binary value when known (declared or sniffed).</summary>
    public string? ContentType { get; set; }
    /// <summary>Decoding chain that produced this node, e.g. <c>json&gt;base64&gt;gzip&gt;json</c>.</summary>
    public string Encoding { get; private set; } = "";
    /// <summary>True for protobuf fixed64 doubles (schema-less location heuristic).</summary>
    public bool IsWireDouble { get; private set; }
    /// <summary>Protobuf field number, 0 elsewhere.</summary>
    public int FieldNumber { get; private set; }
    /// <summary>Nesting depth including decoding layers.</summary>
    public int Depth { get; private set; }

    /// <summary>True when the node has children.</summary>
    public bool HasChildren => End > Index + 1;

    /// <summary>True for String, Number and Bool nodes.</summary>
    public bool IsScalar => Kind is NodeKind.String or NodeKind.Number or NodeKind.Bool;

    /// <summary><see cref="NumberText.TryParse(string?, out double, out int)"/> of <see cref="Text"/>, parsed once and remembered.</summary>
    public bool TryGetNumber(out double value, out int decimals)
    {
        if (_numberState == 0)
        {
            _numberState = NumberText.TryParse(_text, out _number, out _decimals) ? (byte)1 : (byte)2;
        }

        value = _number;
        decimals = _decimals;
        return _numberState == 1;
    }

    /// <summary>Sets every field (the node object is reused across payloads).</summary>
    public void Reset(NodeKind kind, int index, int parent, string segment, FieldKey field, bool isArrayItem, string? text,
        string encoding, int depth, int fieldNumber, bool isWireDouble)
    {
        Kind = kind;
        Index = index;
        Parent = parent;
        End = index + 1;
        Segment = segment;
        Field = field;
        IsArrayItem = isArrayItem;
        _text = text;
        _numberState = 0;
        Bytes = default;
        ContentType = null;
        Encoding = encoding;
        Depth = depth;
        FieldNumber = fieldNumber;
        IsWireDouble = isWireDouble;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Index}:{Kind} {Segment} {Key} = {Text}";
}
