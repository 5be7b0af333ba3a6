using System.Globalization;
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

    // A number whose text is made only when asked for (most numbers are never read as text): its original UTF-8
    // (JSON) or its binary value (protobuf), with the same text as the decoder used to write eagerly.
    private PendingText _pending;
    private ReadOnlyMemory<byte> _utf8;
    private ulong _raw;

    private enum PendingText : byte
    {
        None,
        /// <summary>The original UTF-8 of a number (ASCII).</summary>
        Utf8,
        /// <summary>An unsigned integer written in decimal.</summary>
        Unsigned,
        /// <summary>A 64-bit pattern written as a signed integer.</summary>
        Signed,
        /// <summary>A float written with the round-trip format.</summary>
        Float,
    }

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
        get => _text ?? (_pending == PendingText.None ? null : Materialize());
        set
        {
            _text = value;
            _pending = PendingText.None;
            _utf8 = default;
            _numberState = 0;
        }
    }

    /// <summary>
    /// Length of <see cref="Text"/> (-1 when there is none) without making the text of a pending number; -1 also
    /// for a pending float (see <see cref="IsPendingFloat"/>), whose length is only known once written.
    /// </summary>
    public int TextLength => _pending switch
    {
        PendingText.None => _text?.Length ?? -1,
        PendingText.Utf8 => _utf8.Length,
        PendingText.Unsigned => DecimalDigits.Count(_raw),
        PendingText.Signed => (long)_raw < 0 ? 1 + DecimalDigits.Count(0UL - _raw) : DecimalDigits.Count(_raw),
        _ => _text?.Length ?? -1,
    };

    /// <summary>
    /// True for a protobuf fixed32 float (1e-5 &lt; |f| &lt; 1e9) whose round-trip text is not written yet. Such a text
    /// has at most 9 significant digits and 15 characters, and every digit run of 11 or more digits touches a
    /// decimal point or an exponent (<c>0.000123456789</c> is the longest run, 12 digits, after a point).
    /// </summary>
    public bool IsPendingFloat
    {
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        get => _pending == PendingText.Float && _text is null;
    }

    /// <summary>
    /// True for a JSON or protobuf number: its text (made or not) is a plain number as written, without spaces,
    /// and <see cref="TextLength"/> is known without making it unless <see cref="IsPendingFloat"/>.
    /// </summary>
    public bool HasPlainNumberText
    {
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        get => _pending != PendingText.None;
    }

    /// <summary>
    /// Gives a Number node the text of a double written with the round-trip format together with what
    /// <see cref="TryGetNumber"/> would parse from it: the double itself and its decimals when the text is a plain
    /// decimal (a round-trip text reads back as the same double), no number when it has an exponent.
    /// </summary>
    public void SetRoundTripDouble(double value, string text)
    {
        Text = text;
        var plain = text.AsSpan().IndexOfAny('E', 'e') < 0 && text.Length <= 40;
        var dot = text.IndexOf('.');
        _number = plain ? value : 0;
        _decimals = plain && dot >= 0 ? text.Length - dot - 1 : 0;
        _numberState = plain ? (byte)1 : (byte)2;
    }

    /// <summary>
    /// True for a protobuf double (<see cref="IsWireDouble"/>) whose round-trip text, given by
    /// <see cref="SetRoundTripDouble"/>, has a decimal point or an exponent: every digit run of it touches one of them,
    /// and it holds no hex pair or separator. Read from what that call remembered of the text: an exponent leaves no
    /// number (state 2), a point leaves one with decimals (a round-trip text never ends in its point).
    /// </summary>
    public bool HasFractionalDoubleText => IsWireDouble && (_numberState == 2 || (_numberState == 1 && _decimals > 0));

    /// <summary>Gives a Number node the original UTF-8 of its text (ASCII); the text is made when first read.</summary>
    public void SetNumberUtf8(ReadOnlyMemory<byte> utf8)
    {
        _text = null;
        _numberState = 0;
        _pending = PendingText.Utf8;
        _utf8 = utf8;
    }

    /// <summary>Gives a Number node an integer value: unsigned decimal, or the signed reading of the same 64 bits.</summary>
    public void SetInteger(ulong value, bool signed)
    {
        _text = null;
        _numberState = 0;
        _pending = signed ? PendingText.Signed : PendingText.Unsigned;
        _raw = value;
    }

    /// <summary>Gives a Number node a float value written with the round-trip format when first read.</summary>
    public void SetFloat(float value)
    {
        _text = null;
        _numberState = 0;
        _pending = PendingText.Float;
        _raw = BitConverter.SingleToUInt32Bits(value);
    }

    private string? Materialize()
    {
        switch (_pending)
        {
            case PendingText.Utf8:
                _text = System.Text.Encoding.UTF8.GetString(_utf8.Span);
                break;
            case PendingText.Unsigned:
                _text = _raw.ToString(CultureInfo.InvariantCulture);
                break;
            case PendingText.Signed:
                _text = ((long)_raw).ToString(CultureInfo.InvariantCulture);
                break;
            case PendingText.Float:
                _text = BitConverter.UInt32BitsToSingle((uint)_raw).ToString("R", CultureInfo.InvariantCulture);
                break;
            default:
                return null;
        }

        return _text;
    }

    /// <summary>
    /// The value of an integer node parsed like <c>long.TryParse(Text, NumberStyles.None, InvariantCulture)</c>, without
    /// making the text of a pending number.
    /// </summary>
    public bool TryGetInteger(out long value)
    {
        switch (_pending)
        {
            case PendingText.Utf8 when _text is null:
                return long.TryParse(_utf8.Span, NumberStyles.None, CultureInfo.InvariantCulture, out value);
            case PendingText.Unsigned when _raw <= long.MaxValue:
                value = (long)_raw;
                return true;
            case PendingText.Signed when (long)_raw >= 0:
                value = (long)_raw;
                return true;
            default:
                return long.TryParse(Text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
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
    /// <summary>How many direct children are protobuf fixed64 doubles (<see cref="IsWireDouble"/>); set by the protobuf decoder on a message.</summary>
    public int WireDoubleChildren { get; set; }
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
            var parsed = _pending == PendingText.Utf8 && _text is null
                ? NumberText.TryParse(_utf8.Span, out _number, out _decimals)
                : NumberText.TryParse(Text, out _number, out _decimals);
            _numberState = parsed ? (byte)1 : (byte)2;
        }

        value = _number;
        decimals = _decimals;
        return _numberState == 1;
    }

    // The path this node was last given and what it was built from (node objects are reused across payloads).
    private string? _pathParent;
    private string? _pathSegment;
    private string? _path;

    /// <summary>
    /// <paramref name="parentPath"/> followed by <see cref="Segment"/>; the string made last time is returned again
    /// when the parent path and the segment are the same strings as then.
    /// </summary>
    public string PathUnder(string parentPath)
    {
        if (ReferenceEquals(parentPath, _pathParent) && ReferenceEquals(Segment, _pathSegment))
        {
            return _path!;
        }

        _pathParent = parentPath;
        _pathSegment = Segment;
        return _path = string.Concat(parentPath, Segment);
    }

    /// <summary>Sets every field (the node object is reused across payloads).</summary>
    public void Reset(NodeKind kind, int index, int parent, string segment, FieldKey field, bool isArrayItem, string? text,
        string encoding, int depth, int fieldNumber, bool isWireDouble)
    {
        // Node objects are reused for documents of the same shape: a reference that is already in place is not
        // stored again (each store of a reference into the heap costs a GC write barrier).
        Kind = kind;
        Index = index;
        Parent = parent;
        End = index + 1;
        if (!ReferenceEquals(Segment, segment))
        {
            Segment = segment;
        }

        if (!ReferenceEquals(Field, field))
        {
            Field = field;
        }

        IsArrayItem = isArrayItem;
        if (!ReferenceEquals(_text, text))
        {
            _text = text;
        }

        _numberState = 0;
        _pending = PendingText.None;
        if (!_utf8.IsEmpty)
        {
            _utf8 = default;
        }

        if (!Bytes.IsEmpty)
        {
            Bytes = default;
        }

        if (ContentType is not null)
        {
            ContentType = null;
        }

        if (!ReferenceEquals(Encoding, encoding))
        {
            Encoding = encoding;
        }

        Depth = depth;
        FieldNumber = fieldNumber;
        IsWireDouble = isWireDouble;
        WireDoubleChildren = 0;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Index}:{Kind} {Segment} {Key} = {Text}";
}
