using System.Text;

namespace DeviceWatch.Analysis.Decoding;

/// <summary>Decodes <c>k=v&amp;k2=v2</c> (URL query strings and x-www-form-urlencoded bodies); values are expanded.</summary>
internal static class UrlEncodedDecoder
{
    /// <summary>True when printable text is shaped like a form: <c>name=value</c> pairs joined by <c>&amp;</c>, no spaces.</summary>
    public static bool LooksLikeForm(ReadOnlySpan<byte> span)
    {
        if (span.Length < 3 || span.IndexOf((byte)'=') <= 0)
        {
            return false;
        }

        foreach (var b in span)
        {
            if (b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or (byte)'{' or (byte)'<' or (byte)'"')
            {
                return false;
            }
        }

        return true;
    }

    public static bool TryDecodeBytes(ContentDecoder content, int parent, ReadOnlySpan<byte> span, string segment, string? key,
        string chain, bool strict)
    {
        if (!strict && Ascii.IsValid(span))
        {
            return TryDecodeAscii(content, parent, span.TrimEnd("\r\n"u8), segment, key, chain);
        }

        var text = Encoding.UTF8.GetString(span).TrimEnd('\r', '\n');
        return TryDecodeText(content, parent, text, segment, key, chain, strict);
    }

    // TryDecodeText(strict: false) on an ASCII form read straight from its bytes: no string of the whole body, and
    // member names looked up from their bytes (a device repeats its names in the same order). Same nodes.
    private static bool TryDecodeAscii(ContentDecoder content, int parent, ReadOnlySpan<byte> text, string segment, string? key, string chain) =>
        AppendPairs(content, parent, text, (byte)'&', (byte)'=', (byte)'%', (byte)'+', segment, key, chain,
            static (raw, escaped, keys) => escaped ? keys.Get(Unescape(Encoding.ASCII.GetString(raw))) : keys.GetUtf8(raw),
            static (raw, escaped) => escaped ? Unescape(Encoding.ASCII.GetString(raw)) : Encoding.ASCII.GetString(raw));

    /// <summary>
    /// Appends a container with one child per pair. Strict mode requires every pair to have a plausible name
    /// (letters, digits, <c>_ - . [ ] %</c>) and an <c>=</c>.
    /// </summary>
    public static bool TryDecodeText(ContentDecoder content, int parent, string text, string segment, string? key, string chain,
        bool strict)
    {
        if (strict && !IsStrictForm(text))
        {
            return false;
        }

        return AppendCharPairs(content, parent, text.AsSpan(), segment, key, chain);
    }

    /// <summary>
    /// A URL query (the text after <c>?</c>) under the URL source, as <see cref="TryDecodeText"/> does with
    /// <c>segment: "?"</c> and <c>strict: false</c>, read from its characters in place.
    /// </summary>
    public static bool TryDecodeQuery(ContentDecoder content, int source, ReadOnlySpan<char> query) =>
        AppendCharPairs(content, source, query, "?", null, "");

    private static bool AppendCharPairs(ContentDecoder content, int parent, ReadOnlySpan<char> text, string segment, string? key,
        string chain) =>
        AppendPairs(content, parent, text, '&', '=', '%', '+', segment, key, chain,
            static (raw, escaped, keys) => escaped ? keys.Get(Unescape(raw)) : keys.Get(raw),
            static (raw, escaped) => escaped ? Unescape(raw) : raw.ToString());

    // One container, then a string child per named pair (expanded), split at '&' and '=' in characters or bytes;
    // false (and nothing added) when no pair has a name. Names and values are told whether they hold a '%' or '+'
    // (to be unescaped): the next such character is looked for once, not in every name and value.
    private static bool AppendPairs<T>(ContentDecoder content, int parent, ReadOnlySpan<T> text, T ampersand, T equals, T percent, T plus,
        string segment, string? key, string chain, Func<ReadOnlySpan<T>, bool, KeyTable, FieldKey> nameOf, Func<ReadOnlySpan<T>, bool, string> valueOf)
        where T : unmanaged, IEquatable<T>
    {
        var tree = content.Tree;
        var start = tree.Count;
        var container = tree.Add(parent, NodeKind.Object, segment, key, chain);
        if (container < 0)
        {
            return false;
        }

        var topLevel = tree[parent].Kind == NodeKind.Source && (segment.Length == 0 || segment == "?");
        var escape = NextEscape(text, 0, percent, plus);
        var pos = 0;
        while (pos <= text.Length)
        {
            var amp = text[pos..].IndexOf(ampersand);
            amp = amp < 0 ? text.Length : pos + amp;
            if (escape < pos)
            {
                escape = NextEscape(text, pos, percent, plus);
            }

            if (amp > pos)
            {
                var pair = text[pos..amp];
                var eq = pair.IndexOf(equals);
                var nameEnd = eq < 0 ? amp : pos + eq;
                var name = nameOf(eq < 0 ? pair : pair[..eq], escape < nameEnd, tree.Keys);
                if (escape < nameEnd && eq >= 0)
                {
                    escape = NextEscape(text, nameEnd + 1, percent, plus);
                }

                if (name.Key!.Length > 0)
                {
                    // The value runs from after the '=' to the '&'.
                    var value = valueOf(eq < 0 ? [] : pair[(eq + 1)..], eq >= 0 && escape < amp);
                    var s = tree.Add(container, NodeKind.String, topLevel ? name.Key : name.MemberSegment, name, chain, value);
                    if (s < 0)
                    {
                        break;
                    }

                    content.ExpandString(s, value);
                }
            }

            pos = amp + 1;
        }

        tree.Close(container);
        if (tree.Count == start + 1)
        {
            tree.Truncate(start);
            return false;
        }

        return true;
    }

    // The position of the first '%' or '+' at or after from; text.Length when there is none.
    private static int NextEscape<T>(ReadOnlySpan<T> text, int from, T percent, T plus)
        where T : unmanaged, IEquatable<T>
    {
        var at = text[from..].IndexOfAny(percent, plus);
        return at < 0 ? text.Length : from + at;
    }

    /// <summary>Percent-decodes and turns <c>+</c> into a space; malformed escapes are kept as they are.</summary>
    public static string Unescape(ReadOnlySpan<char> s)
    {
        if (s.IndexOfAny('%', '+') < 0)
        {
            return s.ToString();
        }

        var text = s.ToString().Replace('+', ' ');
        try
        {
            return Uri.UnescapeDataString(text);
        }
        catch (UriFormatException)
        {
            return text;
        }
    }

    private static bool IsStrictForm(string text)
    {
        var pos = 0;
        var pairs = 0;
        var valued = 0;
        while (pos < text.Length)
        {
            var amp = text.IndexOf('&', pos);
            if (amp < 0)
            {
                amp = text.Length;
            }

            var pair = text.AsSpan(pos, amp - pos);
            var eq = pair.IndexOf('=');
            if (eq <= 0)
            {
                return false;
            }

            foreach (var c in pair[..eq])
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '[' or ']' or '%'))
                {
                    return false;
                }
            }

            var value = pair[(eq + 1)..];
            if (value.Length > 0 && value.Trim('=').IsEmpty)
            {
                return false;
            }

            valued += value.IsEmpty ? 0 : 1;
            pairs++;
            pos = amp + 1;
        }

        return pairs > 0 && valued > 0;
    }
}
