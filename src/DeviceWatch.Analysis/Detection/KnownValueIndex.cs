using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using DeviceWatch.Analysis.Decoding;
using DeviceWatch.Core.Analysis;
using DeviceWatch.Core.Text;

namespace DeviceWatch.Analysis.Detection;

/// <summary>
/// A device's known values in every form it may be sent in (plain, lower/upper case, separator-free, URL-encoded,
/// base64, base64url, hex, and the MD5/SHA-1/SHA-256 hex of each textual form), built once per device. Texts and
/// raw bodies are searched in one pass with a <see cref="NeedlePrefixScanner{T}"/> (its cost does not depend on
/// the text; hex and base64 text, where <see cref="SearchValues{T}"/> slows down most with these needles, are common);
/// large binary bodies, where SearchValues skips fastest, and the few needles that may span a clean body's structure
/// use <see cref="SearchValues{T}"/>.
/// </summary>
internal sealed class KnownValueIndex
{
    private const int MinValueLength = 4;

    // How many of the latest findings ReportedAt compares with.
    private const int RecentFindings = 32;
    private const int BodyChunk = 4096;

    // Raw bodies at least this long that look binary are searched with SearchValues (Teddy), which skips random
    // bytes several times faster than the prefix scanner; text of any length goes to the scanner.
    private const int BinaryBodyForTeddy = 2048;
    private const int BinaryProbe = 256;
    private readonly int _minNeedle = int.MaxValue;
    private readonly int _maxNeedle;

    // The round-trip text of a protobuf float (1e-5 < |f| < 1e9) has at most 15 characters from "0123456789.E+-",
    // and its digit runs have at most 12 digits ("0.000123456789"); false when no needle can be in such a text.
    private const int MaxFloatText = 15;
    private const int MaxFloatDigitRun = 12;
    private readonly bool _floatMayHold;

    // Each needle's bytes (its UTF-8, compared with raw bodies byte for byte) and the id of its (data type,
    // original value) pair, which indexes the per-payload "already found" flags.
    private readonly byte[][] _needleBytes = [];
    private readonly int[] _valueIds = [];
    private readonly int _valueCount;

    private readonly NeedlePrefixScanner<int>? _scanner;
    private readonly SearchValues<string>? _binarySearch;
    private readonly Dictionary<byte, List<int>> _byFirstByte = [];

    // Needles that may span the structure of a clean body (see CleanBodyKind), searched in its raw bytes; null
    // when no needle can, so the raw search is left out.
    // They are few and hold structure characters, so SearchValues (Teddy) skips text fast with them.
    private readonly SearchValues<string>? _jsonSpanning;
    private readonly SearchValues<string>? _formSpanning;
    // In a clean JSON body a ':' always follows the closing quote of a member name (or whitespace after it), so a
    // needle can only cross from one token to the next through a quote, a bracket, a comma or whitespace; a clean
    // body holds no '\\' or '/' at all, so needles with those cannot be in its raw text.
    private static readonly SearchValues<char> JsonStructure = SearchValues.Create("{}[],\" \t\r\n");
    // '+' is a space in the leaves of a form: a needle holding one is only found in the raw body.
    private static readonly SearchValues<char> FormStructure = SearchValues.Create("&=+\r\n");
    // A clean URL (see IsCleanUrl) is split at these; '+' is a space in its leaves.
    private static readonly SearchValues<char> UrlStructure = SearchValues.Create("/?&=+");
    // Needles (by their characters) that may span the structure of a clean URL, and their indexes.
    private readonly SearchValues<string>? _urlSpanning;
    private readonly int[] _urlSpanningNeedles = [];

    private KnownValueIndex(List<KnownValueNeedle> needles)
    {
        Needles = needles;
        if (needles.Count == 0)
        {
            return;
        }

        _needleBytes = new byte[needles.Count][];
        _valueIds = new int[needles.Count];
        var ids = new Dictionary<(string, string), int>();
        var latin = new List<string>(needles.Count);
        for (var i = 0; i < needles.Count; i++)
        {
            var n = needles[i];
            _needleBytes[i] = Encoding.UTF8.GetBytes(n.Text);
            if (!ids.TryGetValue((n.DataType, n.Original), out var id))
            {
                ids[(n.DataType, n.Original)] = id = ids.Count;
            }

            _valueIds[i] = id;
            var l = Encoding.Latin1.GetString(_needleBytes[i]);
            latin.Add(l);
            _minNeedle = Math.Min(_minNeedle, Math.Min(n.Text.Length, l.Length));
            _maxNeedle = Math.Max(_maxNeedle, l.Length);
            if (!_byFirstByte.TryGetValue(_needleBytes[i][0], out var list))
            {
                _byFirstByte[_needleBytes[i][0]] = list = [];
            }

            list.Add(i);
        }

        _valueCount = ids.Count;
        _floatMayHold = needles.Any(n => FloatMayHold(n.Text));
        _scanner = new NeedlePrefixScanner<int>(Enumerable.Range(0, needles.Count).Select(i => ((string?)needles[i].Text, (byte[]?)_needleBytes[i], i)));
        _jsonSpanning = SpanningSearch(latin, JsonStructure, "null");
        _formSpanning = SpanningSearch(latin, FormStructure, null);
        _urlSpanningNeedles = Enumerable.Range(0, needles.Count).Where(i => needles[i].Text.AsSpan().IndexOfAny(UrlStructure) >= 0).ToArray();
        if (_urlSpanningNeedles.Length > 0)
        {
            _urlSpanning = SearchValues.Create(_urlSpanningNeedles.Select(i => needles[i].Text).Distinct(StringComparer.Ordinal).ToArray(),
                StringComparison.Ordinal);
        }
        _binarySearch = SearchValues.Create(latin.Distinct(StringComparer.Ordinal).ToArray(), StringComparison.Ordinal);
    }

    /// <summary>Every needle, for diagnostics and tests.</summary>
    public IReadOnlyList<KnownValueNeedle> Needles { get; }

    /// <summary>An index with nothing to search.</summary>
    public static KnownValueIndex Empty { get; } = new([]);

    /// <summary>Precomputes all needle forms of <paramref name="knownValues"/> (data type → values).</summary>
    public static KnownValueIndex Build(IReadOnlyDictionary<string, IReadOnlyList<string>> knownValues)
    {
        var needles = new List<KnownValueNeedle>();
        var seen = new HashSet<(string, string)>();
        foreach (var (dataType, values) in knownValues)
        {
            foreach (var raw in values)
            {
                var value = raw?.Trim() ?? "";
                if (value.Length < MinValueLength)
                {
                    continue;
                }

                var textual = new List<(string Name, string Text)> { ("plain", value) };
                AddVariant(textual, "lower", value.ToLowerInvariant());
                AddVariant(textual, "upper", value.ToUpperInvariant());
                var bare = RemoveSeparators(value);
                if (bare.Length >= MinValueLength)
                {
                    AddVariant(textual, "nosep", bare);
                    AddVariant(textual, "nosep(lower)", bare.ToLowerInvariant());
                    AddVariant(textual, "nosep(upper)", bare.ToUpperInvariant());
                }

                void Emit(string form, string text)
                {
                    if (text.Length >= MinValueLength && seen.Add((dataType, text)))
                    {
                        needles.Add(new KnownValueNeedle(dataType, value, text, form));
                    }
                }

                foreach (var (name, text) in textual)
                {
                    Emit(name, text);
                }

                Emit("urlencoded", Uri.EscapeDataString(value));
                var utf8 = Encoding.UTF8.GetBytes(value);
                var b64 = Convert.ToBase64String(utf8);
                Emit("base64", b64.TrimEnd('='));
                Emit("base64url", b64.TrimEnd('=').Replace('+', '-').Replace('/', '_'));
                Emit("hex", Convert.ToHexStringLower(utf8));
                Emit("hex", Convert.ToHexString(utf8));
                foreach (var (name, text) in textual)
                {
                    var bytes = Encoding.UTF8.GetBytes(text);
                    foreach (var (algorithm, digest) in new[] { ("md5", MD5.HashData(bytes)), ("sha1", SHA1.HashData(bytes)), ("sha256", SHA256.HashData(bytes)) })
                    {
                        Emit($"{algorithm}({name})", Convert.ToHexStringLower(digest));
                        Emit($"{algorithm}({name})", Convert.ToHexString(digest));
                    }
                }
            }
        }

        return new KnownValueIndex(needles);
    }

    /// <summary>
    /// Searches every text node, then the raw URL, header values and body for values not already found in a node.
    /// </summary>
    public void Search(DecodedTree tree, Payload payload, List<DetectedDatum> results)
    {
        if (_scanner is null)
        {
            return;
        }

        Span<bool> found = _valueCount <= 512 ? stackalloc bool[_valueCount] : new bool[_valueCount];
        Search(tree, payload, results, found);
    }

    // The search itself, apart from the stack buffer of found flags (which would keep its loops from being tiered
    // with profile guidance).
    private void Search(DecodedTree tree, Payload payload, List<DetectedDatum> results, Span<bool> found)
    {
        // Texts shorter than the shortest needle cannot hold one: most numbers and short strings are skipped here.
        var min = Math.Max(MinValueLength, _minNeedle);
        foreach (var node in tree.Nodes)
        {
            // A number written without spaces is read as text only when a needle could be in it (see FloatMayHold).
            if (node.HasPlainNumberText && (node.IsPendingFloat ? !_floatMayHold : node.TextLength < min))
            {
                continue;
            }

            if (node.Text is { } text && text.Length >= min)
            {
                SearchText(text, node.Index, null, null, results, found);
            }
        }

        if (payload.Url is { } url && url.Length >= min)
        {
            if (!tree.Budget.Exhausted && IsCleanUrl(url))
            {
                // Every character of a clean URL is structure or lies, as sent, in one path segment, query value
                // (both leaves, searched above) or query name: the raw search is left to the names and to the
                // needles that may span structure.
                SearchMemberNames(tree, "url:", "url", min, results, found);
                SearchUrlSpanning(url, results, found);
            }
            else
            {
                SearchText(url, -1, "url", null, results, found, skipFound: true);
            }
        }

        foreach (var (name, value) in payload.Headers)
        {
            if (value.Length >= min)
            {
                SearchText(value, -1, "header:", name, results, found, skipFound: true);
            }
        }

        if (payload.Topic is { } topic && topic.Length >= min)
        {
            SearchText(topic, -1, "topic", null, results, found, skipFound: true);
        }

        if (!payload.Body.IsEmpty)
        {
            var body = payload.Body.Span;
            var clean = tree.Budget.Exhausted ? CleanBodyKind.None : tree.CleanBody;
            if (clean == CleanBodyKind.None)
            {
                if (body.Length >= BinaryBodyForTeddy && LooksBinary(body))
                {
                    SearchWidened(body, _binarySearch!, results, found);
                }
                else
                {
                    SearchBytes(body, results, found);
                }

                return;
            }

            // A clean body: its leaves were searched above, so the raw search is left to member names (the raw
            // text outside leaves) and to the needles that may span structure.
            SearchMemberNames(tree, "body:", "body", min, results, found);
            var spanning = clean == CleanBodyKind.Json ? _jsonSpanning : _formSpanning;
            if (spanning is not null)
            {
                SearchWidened(body, spanning, results, found);
            }
        }
    }

    /// <summary>
    /// True when PayloadDecoder puts every character of <paramref name="url"/> into a leaf or a query name exactly
    /// as sent, apart from the structure characters <c>/ ? &amp; = +</c>: an origin-form target without
    /// percent-escapes, fragment or nameless query pairs.
    /// </summary>
    internal static bool IsCleanUrl(string url)
    {
        var span = url.AsSpan();
        if (!url.StartsWith('/') || span.IndexOfAny('%', '#') >= 0)
        {
            return false;
        }

        // A nameless pair: an '=' right after '?' or '&' (a URL has few '=', one per pair).
        for (var at = span.IndexOf('='); at >= 0;)
        {
            if (span[at - 1] is '?' or '&')
            {
                return false;
            }

            var next = span[(at + 1)..].IndexOf('=');
            at = next < 0 ? -1 : at + 1 + next;
        }

        return true;
    }

    // The raw URL searched only for needles that may span its structure, reported like the full raw search.
    private void SearchUrlSpanning(string url, List<DetectedDatum> results, Span<bool> found)
    {
        if (_urlSpanning is null)
        {
            return;
        }

        var span = url.AsSpan();
        for (var offset = 0; offset < span.Length;)
        {
            var at = span[offset..].IndexOfAny(_urlSpanning);
            if (at < 0)
            {
                break;
            }

            var pos = offset + at;
            foreach (var i in _urlSpanningNeedles)
            {
                var n = Needles[i];
                var id = _valueIds[i];
                if (!found[id] && span[pos..].StartsWith(n.Text, StringComparison.Ordinal))
                {
                    found[id] = true;
                    results.Add(new DetectedDatum(n.DataType, -1, n.Text, EncodingSuffix: n.Form, Field: "url"));
                }
            }

            offset = pos + 1;
        }
    }

    // Member names under a source ("body:", "url:"), reported as raw hits of that source; whether a name holds any
    // needle is remembered on the shared FieldKey, so a name met in every payload is searched once.
    private void SearchMemberNames(DecodedTree tree, string source, string hitField, int min, List<DetectedDatum> results, Span<bool> found)
    {
        // Sources are the roots of the tree: from one to the next through the end of its subtree.
        var body = -1;
        for (var i = 0; i < tree.Count; i = Math.Max(i + 1, tree[i].End))
        {
            var n = tree[i];
            if (n.Parent < 0 && n.Kind == NodeKind.Source && n.Segment == source)
            {
                body = i;
                break;
            }
        }

        if (body < 0)
        {
            return;
        }

        var root = tree[body];
        FieldKey? previous = null;
        for (var i = body + 1; i < root.End && i < tree.Count; i++)
        {
            var field = tree[i].Field;
            if (ReferenceEquals(field, previous) || field.Key is not { } key || key.Length < min)
            {
                continue;
            }

            previous = field;
            if (!ReferenceEquals(field.NeedleCheckedBy, this))
            {
                field.HoldsNeedle = ContainsNeedle(key);
                field.NeedleCheckedBy = this;
            }

            if (field.HoldsNeedle)
            {
                SearchText(key, -1, hitField, null, results, found, skipFound: true);
            }
        }
    }

    private bool ContainsNeedle(string text)
    {
        var span = text.AsSpan();
        for (var pos = _scanner!.Next(span, 0, out var candidates); pos >= 0; pos = _scanner.Next(span, pos + 1, out candidates))
        {
            foreach (var i in candidates)
            {
                if (span[pos..].StartsWith(Needles[i].Text, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool FloatMayHold(string needle)
    {
        var digits = true;
        foreach (var c in needle)
        {
            if (c is not ((>= '0' and <= '9') or '.' or 'E' or '+' or '-'))
            {
                return false;
            }

            digits &= char.IsAsciiDigit(c);
        }

        return needle.Length <= (digits ? MaxFloatDigitRun : MaxFloatText);
    }

    private static SearchValues<string>? SpanningSearch(List<string> latin, SearchValues<char> structure, string? literal)
    {
        var spanning = latin.Where(l => l.AsSpan().IndexOfAny(structure) >= 0 || l == literal).Distinct(StringComparer.Ordinal).ToArray();
        return spanning.Length == 0 ? null : SearchValues.Create(spanning, StringComparison.Ordinal);
    }

    // True when the first bytes hold control characters (images, audio, compressed data).
    private static bool LooksBinary(ReadOnlySpan<byte> body) => PrintableText.HasControlBytes(body[..Math.Min(BinaryProbe, body.Length)]);

    // The field of a hit outside the nodes is fieldPrefix + fieldName (built only on a hit).
    private void SearchText(string text, int node, string? fieldPrefix, string? fieldName, List<DetectedDatum> results,
        Span<bool> found, bool skipFound = false)
    {
        var span = text.AsSpan();
        for (var pos = _scanner!.Next(span, 0, out var candidates); pos >= 0; pos = _scanner.Next(span, pos + 1, out candidates))
        {
            foreach (var i in candidates)
            {
                var n = Needles[i];
                var id = _valueIds[i];
                if (span[pos..].StartsWith(n.Text, StringComparison.Ordinal) && (!skipFound || !found[id]))
                {
                    found[id] = true;
                    if (node >= 0 && ReportedAt(results, n.DataType, node))
                    {
                        continue;
                    }

                    var field = fieldName is null ? fieldPrefix : fieldPrefix + fieldName;
                    results.Add(new DetectedDatum(n.DataType, node, n.Text, EncodingSuffix: n.Form, Field: field));
                }
            }
        }
    }

    // True when a recent finding already has this type at this node (its field is the node's path): the observation
    // stage keeps only the first finding per type and field, so a known value a detector already reported there (an
    // IMEI under "imei") is not made into a finding at all. Only the last findings are looked at; an older duplicate
    // is still dropped by the observation stage.
    private static bool ReportedAt(List<DetectedDatum> results, string dataType, int node)
    {
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(results);
        for (var k = span.Length - 1; k >= 0 && k >= span.Length - RecentFindings; k--)
        {
            var d = span[k];
            if (d.Node == node && d.Field is null && string.Equals(d.DataType, dataType, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    // Raw bytes compared with each needle's UTF-8, byte for byte; a value is reported once per payload.
    private void SearchBytes(ReadOnlySpan<byte> body, List<DetectedDatum> results, Span<bool> found)
    {
        for (var pos = _scanner!.Next(body, 0, out var candidates); pos >= 0; pos = _scanner.Next(body, pos + 1, out candidates))
        {
            foreach (var i in candidates)
            {
                Report(body[pos..], i, results, found);
            }
        }
    }

    private void Report(ReadOnlySpan<byte> at, int needle, List<DetectedDatum> results, Span<bool> found)
    {
        var id = _valueIds[needle];
        if (!found[id] && at.StartsWith(_needleBytes[needle]))
        {
            found[id] = true;
            var n = Needles[needle];
            results.Add(new DetectedDatum(n.DataType, -1, n.Text, EncodingSuffix: n.Form, Field: "body"));
        }
    }

    // A large binary body (or a clean body, for the needles that may span its structure) is widened byte-for-byte
    // (Latin-1) into a pooled buffer, chunk by chunk, and searched with SearchValues; chunks overlap by the longest
    // needle minus one so that a needle across a chunk boundary is still found exactly once.
    private void SearchWidened(ReadOnlySpan<byte> body, SearchValues<string> needles, List<DetectedDatum> results, Span<bool> found)
    {
        if (body.Length < _minNeedle)
        {
            return;
        }

        var overlap = Math.Max(0, _maxNeedle - 1);
        var chunk = Math.Max(BodyChunk, overlap * 2);
        var rented = ArrayPool<char>.Shared.Rent(chunk);
        try
        {
            for (var start = 0; start < body.Length; start += chunk - overlap)
            {
                var length = Math.Min(chunk, body.Length - start);
                var span = rented.AsSpan(0, length);
                Encoding.Latin1.GetChars(body.Slice(start, length), span);
                // Matches starting in the overlap are left to the next chunk (which sees them whole).
                var last = start + length >= body.Length ? length : length - overlap;
                var offset = 0;
                while (offset < last)
                {
                    var at = span[offset..].IndexOfAny(needles);
                    if (at < 0 || offset + at >= last)
                    {
                        break;
                    }

                    var pos = offset + at;
                    if (_byFirstByte.TryGetValue(body[start + pos], out var candidates))
                    {
                        foreach (var i in candidates)
                        {
                            Report(body[(start + pos)..], i, results, found);
                        }
                    }

                    offset = pos + 1;
                }

                if (start + length >= body.Length)
                {
                    break;
                }
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    private static void AddVariant(List<(string Name, string Text)> list, string name, string text)
    {
        foreach (var (_, t) in list)
        {
            if (t == text)
            {
                return;
            }
        }

        list.Add((name, text));
    }

    private static string RemoveSeparators(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is not (':' or '-' or '.' or ' ' or '_'))
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
