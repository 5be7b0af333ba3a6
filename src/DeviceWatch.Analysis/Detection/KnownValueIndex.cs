using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using DeviceWatch.Analysis.Decoding;
using DeviceWatch.Core.Analysis;

namespace DeviceWatch.Analysis.Detection;

/// <summary>
/// A device's known values in every form it may be sent in (plain, lower/upper case, separator-free, URL-encoded,
/// base64, base64url, hex, and the MD5/SHA-1/SHA-256 hex of each textual form), built once per device and
/// searched with one <see cref="SearchValues{T}"/> pass per text.
/// </summary>
internal sealed class KnownValueIndex
{
    private const int MinValueLength = 4;
    private const int BodyChunk = 4096;
    private readonly int _minNeedle = int.MaxValue;
    private readonly int _maxNeedle;

    // The round-trip text of a protobuf float (1e-5 < |f| < 1e9) has at most 15 characters from "0123456789.E+-",
    // and its digit runs have at most 12 digits ("0.000123456789"); false when no needle can be in such a text.
    private const int MaxFloatText = 15;
    private const int MaxFloatDigitRun = 12;
    private readonly bool _floatMayHold;

    private readonly SearchValues<string>? _textSearch;
    private readonly SearchValues<string>? _byteSearch;

    // Needles that may span the structure of a clean body (see CleanBodyKind), searched in its raw bytes; null
    // when no needle can, so the raw search is left out.
    private readonly SearchValues<string>? _jsonSpanning;
    private readonly SearchValues<string>? _formSpanning;
    private static readonly SearchValues<char> JsonStructure = SearchValues.Create("{}[],:\"\\/ \t\r\n");
    private static readonly SearchValues<char> FormStructure = SearchValues.Create("&=\r\n");
    private readonly Dictionary<char, List<KnownValueNeedle>> _byFirstChar = [];
    private readonly Dictionary<char, List<(string Latin1, KnownValueNeedle Needle)>> _byFirstByte = [];

    private KnownValueIndex(List<KnownValueNeedle> needles)
    {
        Needles = needles;
        if (needles.Count == 0)
        {
            return;
        }

        var latin = new List<string>(needles.Count);
        foreach (var n in needles)
        {
            _minNeedle = Math.Min(_minNeedle, n.Text.Length);
            Add(_byFirstChar, n.Text[0], n);
            var l = Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(n.Text));
            latin.Add(l);
            _minNeedle = Math.Min(_minNeedle, l.Length);
            _maxNeedle = Math.Max(_maxNeedle, l.Length);
            if (!_byFirstByte.TryGetValue(l[0], out var list))
            {
                _byFirstByte[l[0]] = list = [];
            }

            list.Add((l, n));
        }

        _floatMayHold = needles.Any(n => FloatMayHold(n.Text));
        _jsonSpanning = SpanningSearch(latin, JsonStructure, "null");
        _formSpanning = SpanningSearch(latin, FormStructure, null);
        _textSearch = SearchValues.Create(needles.Select(n => n.Text).Distinct(StringComparer.Ordinal).ToArray(), StringComparison.Ordinal);
        _byteSearch = SearchValues.Create(latin.Distinct(StringComparer.Ordinal).ToArray(), StringComparison.Ordinal);
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
        if (_textSearch is null)
        {
            return;
        }

        // Texts shorter than the shortest needle cannot hold one: most numbers and short strings are skipped here.
        var min = Math.Max(MinValueLength, _minNeedle);
        HashSet<(string DataType, string Original)>? found = null;
        foreach (var node in tree.Nodes)
        {
            // A number written without spaces is read as text only when a needle could be in it (see FloatMayHold).
            if (node.HasPlainNumberText && (node.IsPendingFloat ? !_floatMayHold : node.TextLength < min))
            {
                continue;
            }

            if (node.Text is { } text && text.Length >= min)
            {
                SearchText(text, node.Index, null, null, results, ref found);
            }
        }

        if (payload.Url is { } url && url.Length >= min)
        {
            SearchText(url, -1, "url", null, results, ref found, skipFound: true);
        }

        foreach (var (name, value) in payload.Headers)
        {
            if (value.Length >= min)
            {
                SearchText(value, -1, "header:", name, results, ref found, skipFound: true);
            }
        }

        if (payload.Topic is { } topic && topic.Length >= min)
        {
            SearchText(topic, -1, "topic", null, results, ref found, skipFound: true);
        }

        if (!payload.Body.IsEmpty && _byteSearch is not null)
        {
            var clean = tree.Budget.Exhausted ? CleanBodyKind.None : tree.CleanBody;
            if (clean == CleanBodyKind.None)
            {
                SearchBytes(payload.Body.Span, _byteSearch, results, ref found);
                return;
            }

            // A clean body: its leaves were searched above, so the raw search is left to member names (the raw
            // text outside leaves) and to the needles that may span structure.
            SearchMemberNames(tree, min, results, ref found);
            var spanning = clean == CleanBodyKind.Json ? _jsonSpanning : _formSpanning;
            if (spanning is not null)
            {
                SearchBytes(payload.Body.Span, spanning, results, ref found);
            }
        }

    }

    // Member names of the body, reported as raw body hits; whether a name holds any needle is remembered on the
    // shared FieldKey, so a name met in every payload is searched once.
    private void SearchMemberNames(DecodedTree tree, int min, List<DetectedDatum> results, ref HashSet<(string, string)>? found)
    {
        var body = -1;
        for (var i = tree.Count - 1; i >= 0; i--)
        {
            var n = tree[i];
            if (n.Parent < 0 && n.Kind == NodeKind.Source && n.Segment == "body:")
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
                field.HoldsNeedle = key.AsSpan().IndexOfAny(_textSearch!) >= 0;
                field.NeedleCheckedBy = this;
            }

            if (field.HoldsNeedle)
            {
                SearchText(key, -1, "body", null, results, ref found, skipFound: true);
            }
        }
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

    // The field of a hit outside the nodes is fieldPrefix + fieldName (built only on a hit).
    private void SearchText(string text, int node, string? fieldPrefix, string? fieldName, List<DetectedDatum> results,
        ref HashSet<(string, string)>? found, bool skipFound = false)
    {
        var span = text.AsSpan();
        var offset = 0;
        while (offset < span.Length)
        {
            var at = span[offset..].IndexOfAny(_textSearch!);
            if (at < 0)
            {
                return;
            }

            var pos = offset + at;
            if (_byFirstChar.TryGetValue(span[pos], out var candidates))
            {
                foreach (var n in candidates)
                {
                    if (span[pos..].StartsWith(n.Text, StringComparison.Ordinal) && (!skipFound || found is null || !found.Contains((n.DataType, n.Original))))
                    {
                        (found ??= []).Add((n.DataType, n.Original));
                        var field = fieldName is null ? fieldPrefix : fieldPrefix + fieldName;
                        results.Add(new DetectedDatum(n.DataType, node, n.Text, EncodingSuffix: n.Form, Field: field));
                    }
                }
            }

            offset = pos + 1;
        }
    }

    // The body is widened byte-for-byte (Latin-1) into a reused buffer, chunk by chunk; chunks overlap by the
    // longest needle minus one so that a needle across a chunk boundary is still found exactly once.
    private void SearchBytes(ReadOnlySpan<byte> body, SearchValues<string> needles, List<DetectedDatum> results, ref HashSet<(string, string)>? found)
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
                SearchChunk(span, last, needles, results, ref found);
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

    private void SearchChunk(ReadOnlySpan<char> span, int startsBefore, SearchValues<string> needles, List<DetectedDatum> results,
        ref HashSet<(string, string)>? found)
    {
        var offset = 0;
        while (offset < startsBefore)
        {
            var at = span[offset..].IndexOfAny(needles);
            if (at < 0)
            {
                return;
            }

            var pos = offset + at;
            if (pos >= startsBefore)
            {
                return;
            }

            if (_byFirstByte.TryGetValue(span[pos], out var candidates))
            {
                foreach (var (latin, n) in candidates)
                {
                    if (span[pos..].StartsWith(latin, StringComparison.Ordinal) && (found ??= []).Add((n.DataType, n.Original)))
                    {
                        results.Add(new DetectedDatum(n.DataType, -1, n.Text, EncodingSuffix: n.Form, Field: "body"));
                    }
                }
            }

            offset = pos + 1;
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

    private static void Add(Dictionary<char, List<KnownValueNeedle>> map, char c, KnownValueNeedle n)
    {
        if (!map.TryGetValue(c, out var list))
        {
            map[c] = list = [];
        }

        list.Add(n);
    }
}
