using System.Text;
using DeviceWatch.Analysis.Detection;
using DeviceWatch.Core.Text;

namespace DeviceWatch.Analysis.Decoding;

/// <summary>
/// Chooses a decoder for a blob of bytes (by declared content type, magic bytes, then sniffing) and for strings
/// that hold nested content (JSON, XML, form, base64, base64url, hex, JWT), appending the result to the tree.
/// </summary>
internal sealed class ContentDecoder(DecodedTree tree)
{
    private static readonly string[] ContainerTypeHints = ["gzip", "zstd", "brotli", "x-br", "deflate", "octet-stream", "zip", "compress"];

    // Facts about the last content type seen (most payloads of a device repeat it): its lower-case form, the
    // compression it declares and whether an inner blob keeps it. Same results as computing them every time.
    private string? _typeSource;
    private string _typeLower = "";
    private string? _typeCompression;
    private string? _typeInner;
    private DeclaredDecoders _typeDecoders;
    private string? _typeMedia;

    /// <summary>The tree being filled.</summary>
    public DecodedTree Tree { get; } = tree;

    /// <summary>The segments of the last URL path decoded with this decoder.</summary>
    public UrlPathSegments PathSegments { get; } = new();

    /// <summary>The roles of the header names met by this decoder.</summary>
    public HeaderRoles HeaderRoles { get; } = new();

    /// <summary>Reader settings, name table and path segments shared by the XML documents of this decoder.</summary>
    public XmlNames XmlNames => _xmlNames ??= new XmlNames();

    private XmlNames? _xmlNames;

    /// <summary>Container frames of the JSON documents being read, one set per nesting level.</summary>
    public NestedLender<JsonFrame[]> JsonFrames { get; } = new(() => new JsonFrame[JsonDecoder.MaxFrames]);

    private void LearnType(string? contentType)
    {
        // Compared by value: a device's payloads carry the same type, but each in a string of its own.
        if (contentType is null || string.Equals(contentType, _typeSource, StringComparison.Ordinal))
        {
            return;
        }

        _typeSource = contentType;
        _typeLower = contentType.ToLowerInvariant();
        _typeCompression = CompressionSniffer.DeclaredFormat(contentType);
        _typeInner = InnerType(contentType);
        _typeDecoders = DeclaredDecodersOf(_typeLower);
        _typeMedia = null;
    }

    // Which decoders a lower-case content type names, tried in this order by TryDecodeBytes.
    private static DeclaredDecoders DeclaredDecodersOf(string type)
    {
        var d = DeclaredDecoders.None;
        if (type.Contains("json", StringComparison.Ordinal))
        {
            d |= DeclaredDecoders.Json;
        }

        if (type.Contains("xml", StringComparison.Ordinal))
        {
            d |= DeclaredDecoders.Xml;
        }

        if (type.Contains("x-www-form-urlencoded", StringComparison.Ordinal))
        {
            d |= DeclaredDecoders.Form;
        }

        if (type.StartsWith("multipart/", StringComparison.Ordinal))
        {
            d |= DeclaredDecoders.Multipart;
        }

        if (type.Contains("protobuf", StringComparison.Ordinal) || type.Contains("x-proto", StringComparison.Ordinal))
        {
            d |= DeclaredDecoders.Protobuf;
        }

        if (type.Contains("msgpack", StringComparison.Ordinal))
        {
            d |= DeclaredDecoders.MessagePack;
        }

        if (type.Contains("cbor", StringComparison.Ordinal))
        {
            d |= DeclaredDecoders.Cbor;
        }

        if (MediaSignature.IsMediaType(type))
        {
            d |= DeclaredDecoders.Media;
        }

        return d;
    }

    /// <summary>
    /// Decodes a top-level blob (HTTP body, MQTT payload, multipart part); when nothing structured is found the
    /// blob is added as a text or binary leaf so detectors and known values still see it.
    /// </summary>
    public void DecodeBlob(int parent, ReadOnlyMemory<byte> data, string? contentType, string segment, string? key,
        string chain, bool truncated)
    {
        if (data.IsEmpty || !Tree.CanAdd)
        {
            return;
        }

        if (TryDecodeBytes(parent, data, contentType, segment, key, chain, strict: false, truncated))
        {
            return;
        }

        AddOpaqueLeaf(parent, data, contentType, segment, key, chain);
    }

    /// <summary>
    /// Tries to decode <paramref name="data"/> into structured nodes. In strict mode (nested base64/hex) only
    /// results that are clearly structured, media, or printable text count as plausible.
    /// </summary>
    public bool TryDecodeBytes(int parent, ReadOnlyMemory<byte> data, string? contentType, string segment, string? key,
        string chain, bool strict, bool truncated)
    {
        if (data.IsEmpty || !Tree.CanAdd)
        {
            return false;
        }

        var depth = parent < 0 ? 0 : Tree[parent].Depth;
        if (depth >= Tree.Budget.Limits.MaxDepth)
        {
            Tree.Budget.MarkExhausted();
            return false;
        }

        var span = data.Span;
        LearnType(contentType);
        var typeLower = contentType is null ? "" : _typeLower;
        var typeCompression = contentType is null ? null : _typeCompression;
        var typeInner = contentType is null ? null : _typeInner;

        // 1. Compression by magic bytes (and brotli only when declared, as it has no magic).
        var compression = CompressionSniffer.DetectMagic(span) ?? typeCompression;
        if (compression is not null)
        {
            var inflated = Decompressor.Inflate(data, compression, Tree.Budget, out var cut);
            if (inflated is not null && inflated.Length > 0)
            {
                if (cut)
                {
                    Tree.CountAnomaly(compression + ".truncated");
                }

                var inner = Join(chain, compression);
                if (TryDecodeBytes(parent, inflated, typeInner, segment, key, inner, strict, truncated || cut))
                {
                    return true;
                }

                if (!strict || LooksLikeText(inflated.AsSpan()))
                {
                    AddOpaqueLeaf(parent, inflated, null, segment, key, inner);
                    return true;
                }

                return false;
            }

            Tree.CountAnomaly(compression + ".malformed");
            if (strict)
            {
                return false;
            }
        }

        // 2. Media by magic bytes.
        var media = MediaSignature.Sniff(span);
        if (media is not null)
        {
            var i = Tree.Add(parent, NodeKind.Bytes, segment, key, chain);
            if (i >= 0)
            {
                Tree[i].Bytes = data;
                Tree[i].ContentType = media;
            }

            return true;
        }

        // 3. Declared content type (what it names is worked out once per content type, see LearnType).
        var start = Tree.Count;
        if (contentType is not null && typeLower.Length > 0)
        {
            var declared = _typeDecoders;
            if ((declared & DeclaredDecoders.Json) != 0 && TryDecodeJson(parent, data, segment, key, chain, truncated))
            {
                return true;
            }

            if ((declared & DeclaredDecoders.Xml) != 0 && XmlDecoder.TryDecode(this, parent, data, segment, key, Join(chain, "xml"), truncated))
            {
                return true;
            }

            if ((declared & DeclaredDecoders.Form) != 0 && TryDecodeForm(parent, span, segment, key, chain, strict: false))
            {
                return true;
            }

            if ((declared & DeclaredDecoders.Multipart) != 0
                && MultipartDecoder.TryDecode(this, parent, data, contentType, segment, key, Join(chain, "multipart")))
            {
                return true;
            }

            if ((declared & DeclaredDecoders.Protobuf) != 0
                && ProtobufDecoder.TryDecode(this, parent, data, segment, key, Join(chain, "protobuf"), strictContent: false))
            {
                return true;
            }

            if ((declared & DeclaredDecoders.MessagePack) != 0
                && MessagePackDecoder.TryDecode(this, parent, data, segment, key, Join(chain, "msgpack")))
            {
                return true;
            }

            if ((declared & DeclaredDecoders.Cbor) != 0
                && CborDecoder.TryDecode(this, parent, data, segment, key, Join(chain, "cbor")))
            {
                return true;
            }

            if ((declared & DeclaredDecoders.Media) != 0)
            {
                var i = Tree.Add(parent, NodeKind.Bytes, segment, key, chain);
                if (i >= 0)
                {
                    Tree[i].Bytes = data;
                    Tree[i].ContentType = _typeMedia ??= typeLower.Split(';')[0].Trim();
                }

                return true;
            }

            Tree.Truncate(start);
        }

        // 4. Sniffing. Nested blobs (strict) are tried as JSON or XML only when they are text: random bytes of a
        // token that happen to start with '{' would otherwise cost a reader exception on every payload.
        var first = FirstNonSpace(span);
        var text = first is (byte)'{' or (byte)'[' or (byte)'<' && strict ? LooksLikeText(span) : (bool?)null;
        if (first is (byte)'{' or (byte)'[')
        {
            if (text != false && TryDecodeJson(parent, data, segment, key, chain, truncated))
            {
                return true;
            }
        }
        else if (first == (byte)'<')
        {
            if (text != false && XmlDecoder.TryDecode(this, parent, data, segment, key, Join(chain, "xml"), truncated))
            {
                return true;
            }
        }

        if (text ?? LooksLikeText(span))
        {
            if (UrlEncodedDecoder.LooksLikeForm(span) && TryDecodeForm(parent, span, segment, key, chain, strict: true))
            {
                return true;
            }

            if (strict)
            {
                var s = Tree.Add(parent, NodeKind.String, segment, key, chain, Encoding.UTF8.GetString(span));
                if (s >= 0)
                {
                    ExpandString(s);
                }

                return s >= 0;
            }

            return false;
        }

        // Nested blobs (strict) are only tried as protobuf: CBOR and MessagePack readers are costly on random bytes.
        if (!strict && first >= 0xa0 && first <= 0xbf && CborDecoder.TryDecode(this, parent, data, segment, key, Join(chain, "cbor")))
        {
            return true;
        }

        if (!strict && ((first >= 0x80 && first <= 0x8f) || first is 0xde or 0xdf)
            && MessagePackDecoder.TryDecode(this, parent, data, segment, key, Join(chain, "msgpack")))
        {
            return true;
        }

        return ProtobufDecoder.TryDecode(this, parent, data, segment, key, Join(chain, "protobuf"), strictContent: strict);
    }

    private bool TryDecodeJson(int parent, ReadOnlyMemory<byte> data, string segment, string? key, string chain, bool truncated)
    {
        var anomalies = Tree.AnomalyTotal;
        var span = data.Span;
        if (!JsonDecoder.TryDecode(this, parent, data, segment, key, Join(chain, "json"), truncated))
        {
            return false;
        }

        // Comments ('/'), escapes and a byte-order mark hide raw text from the leaves; so do a truncated document.
        if (IsBodyRoot(parent, segment, chain) && Tree.AnomalyTotal == anomalies && !truncated
            && span.IndexOfAny((byte)'\\', (byte)'/') < 0 && span[0] != 0xEF)
        {
            Tree.CleanBody = CleanBodyKind.Json;
        }

        return true;
    }

    private bool TryDecodeForm(int parent, ReadOnlySpan<byte> span, string segment, string? key, string chain, bool strict)
    {
        if (!UrlEncodedDecoder.TryDecodeBytes(this, parent, span, segment, key, Join(chain, "form"), strict))
        {
            return false;
        }

        // Percent-escapes change the text; a nameless pair ("=v") is dropped; non-ASCII may be replaced when not valid
        // UTF-8. A '+' (a space) keeps every other character in place: only needles holding a '+' can be missed in
        // the leaves, and those are searched in the raw body (see KnownValueIndex).
        if (IsBodyRoot(parent, segment, chain) && span.IndexOf((byte)'%') < 0 && span[0] != (byte)'='
            && span.IndexOf("&="u8) < 0 && System.Text.Ascii.IsValid(span))
        {
            Tree.CleanBody = CleanBodyKind.Form;
        }

        return true;
    }

    // True for the blob that is the whole body (not a part, an inflated or a nested blob).
    private bool IsBodyRoot(int parent, string segment, string chain) =>
        chain.Length == 0 && segment.Length == 0 && parent >= 0 && Tree[parent].Kind == NodeKind.Source && Tree[parent].Segment == "body:";

    // The shortest text that may hold nested content (a JSON or XML document, a form, a JWT, hex or base64).
    private const int MinNestedText = 8;

    /// <summary>
    /// <see cref="ExpandString(int)"/> for a node whose text the caller has at hand: a text too short to hold nested
    /// content is passed over without a call (most member values are short).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void ExpandString(int index, string? text)
    {
        if (text is { Length: >= MinNestedText })
        {
            ExpandString(index);
        }
    }

    /// <summary>
    /// Looks inside the text of string node <paramref name="index"/> for nested content and appends it as
    /// children of that node (the node keeps its text for detectors).
    /// </summary>
    public void ExpandString(int index)
    {
        var node = Tree[index];
        var text = node.Text;
        if (text is null || text.Length < MinNestedText || !Tree.CanAdd || node.Depth >= Tree.Budget.Limits.MaxDepth)
        {
            return;
        }

        var start = Tree.Count;
        var limits = Tree.Budget.Limits;
        var first = text[0];
        var last = text[^1];
        if ((first == '{' && last == '}') || (first == '[' && last == ']'))
        {
            if (Tree.Budget.TryReserve(text.Length)
                && JsonDecoder.TryDecode(this, index, Encoding.UTF8.GetBytes(text), "", node.Key, Join(node.Encoding, "json"), allowPartial: false))
            {
                Tree.Close(index);
            }

            return;
        }

        if (first == '<' && last == '>')
        {
            if (Tree.Budget.TryReserve(text.Length)
                && XmlDecoder.TryDecode(this, index, Encoding.UTF8.GetBytes(text), "", node.Key, Join(node.Encoding, "xml"), allowPartial: false))
            {
                Tree.Close(index);
            }

            return;
        }

        if (text.Contains('=') && text.Contains('&') && !text.Contains(' '))
        {
            if (UrlEncodedDecoder.TryDecodeText(this, index, text, "", node.Key, Join(node.Encoding, "form"), strict: true))
            {
                Tree.Close(index);
            }

            return;
        }

        var payloadText = (first | 0x20) == 'b' && text.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? text[7..] : text;
        if (payloadText.StartsWith("eyJ", StringComparison.Ordinal) && TryExpandJwt(index, payloadText))
        {
            Tree.Close(index);
            return;
        }

        var kind = TextEncodings.Classify(payloadText, limits.MinNestedHexLength, limits.MinNestedBase64Length);
        if (kind is null)
        {
            return;
        }

        // Most hex/base64 strings are signatures, tokens and hashes: decode into a stack buffer first and only
        // allocate when some nested decoder could accept the bytes (same outcome, same budget accounting).
        if (payloadText.Length <= MaxProbeChars && !MayHoldNestedContent(payloadText, kind))
        {
            Tree.Budget.TryReserve(TextEncodings.ReservedSize(payloadText, kind));
            return;
        }

        var decoded = TextEncodings.Decode(payloadText, kind, Tree.Budget);
        if (decoded is null)
        {
            return;
        }

        if (TryDecodeBytes(index, decoded, null, "", node.Key, Join(node.Encoding, kind), strict: true, truncated: false))
        {
            Tree.Close(index);
        }
        else
        {
            Tree.Truncate(start);
        }
    }

    private const int MaxProbeChars = 1024;

    // True unless the decoded bytes certainly fail every test TryDecodeBytes(strict: true) applies: compression
    // or media magic, printable text (JSON, XML, form or plain), or a protobuf message of two or more fields.
    private static bool MayHoldNestedContent(string text, string kind)
    {
        // Hex and base64 never decode to more bytes than characters; a buffer sized to the text is not zeroed in vain.
        Span<byte> buffer = stackalloc byte[text.Length];
        if (!TextEncodings.TryDecodeInto(text, kind, buffer, out var written))
        {
            // Not decodable: TextEncodings.Decode returns null too.
            return false;
        }

        var span = buffer[..written];
        if (span.IsEmpty)
        {
            return true;
        }

        if (CompressionSniffer.Detect(span, null) is not null || MediaSignature.Sniff(span) is not null)
        {
            return true;
        }

        // JSON and XML are only tried on text (see TryDecodeBytes).
        if (LooksLikeText(span))
        {
            return true;
        }

        return ProtobufDecoder.Validate(span, out var fields) && fields >= 2;
    }

    private bool TryExpandJwt(int index, string text)
    {
        var parts = text.Split('.');
        if (parts.Length != 3 || parts[1].Length < 8)
        {
            return false;
        }

        var decoded = TextEncodings.Decode(parts[1], "base64url", Tree.Budget);
        if (decoded is null || FirstNonSpace(decoded) != (byte)'{')
        {
            return false;
        }

        return JsonDecoder.TryDecode(this, index, decoded, "", Tree[index].Key, Join(Tree[index].Encoding, "jwt>json"), allowPartial: false);
    }

    /// <summary>Adds a blob that decoded to nothing structured: as text when printable, else as bytes.</summary>
    public void AddOpaqueLeaf(int parent, ReadOnlyMemory<byte> data, string? contentType, string segment, string? key, string chain)
    {
        if (LooksLikeText(data.Span))
        {
            var text = Encoding.UTF8.GetString(data.Span);
            var s = Tree.Add(parent, NodeKind.String, segment, key, chain, text);
            if (s >= 0)
            {
                ExpandString(s);
            }

            return;
        }

        var i = Tree.Add(parent, NodeKind.Bytes, segment, key, chain);
        if (i >= 0)
        {
            Tree[i].Bytes = data;
            Tree[i].ContentType = contentType;
        }
    }

    /// <summary>Joins a decoding chain: <c>json</c> + <c>base64</c> → <c>json&gt;base64</c>.</summary>
    public static string Join(string chain, string step) => chain.Length == 0 ? step : string.Concat(chain, ">", step);

    /// <summary>True when the bytes are valid UTF-8 text without control characters other than tab and newlines.</summary>
    public static bool LooksLikeText(ReadOnlySpan<byte> span) => !span.IsEmpty && PrintableText.IsPrintableUtf8(span);

    private static int FirstNonSpace(ReadOnlySpan<byte> span)
    {
        foreach (var b in span)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF))
            {
                return b;
            }
        }

        return -1;
    }

    private static string? InnerType(string? contentType)
    {
        if (contentType is null)
        {
            return null;
        }

        foreach (var hint in ContainerTypeHints)
        {
            if (contentType.Contains(hint, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }
        }

        return contentType;
    }
}
