using System.Buffers;
using System.Text;
using System.Xml;

namespace DeviceWatch.Analysis.Decoding;

/// <summary>
/// Reads the plain XML that devices send (SOAP, UPnP, HNAP, ONVIF: UTF-8 elements, attributes, text, comments,
/// declared namespace prefixes and the five predefined entities) straight from its bytes into the events
/// <see cref="XmlReader"/> with <see cref="XmlNames.Settings"/> would report, without its buffers and per-node
/// objects. Anything outside that subset, and anything malformed, is refused as a whole before an event is used,
/// so the caller reads such documents with <see cref="XmlReader"/> and gets exactly its outcome.
/// </summary>
/// <remarks>
/// Refused (left to <see cref="XmlReader"/>): a byte-order mark other than UTF-8's, bytes that are not UTF-8 or are
/// control characters, a declaration other than version 1.0 in UTF-8, DOCTYPE, CDATA, processing instructions,
/// character references, names that are not ASCII, undeclared or redeclared reserved prefixes, two attributes with
/// one local name, tabs or line breaks inside attribute values, and every well-formedness error.
/// </remarks>
internal static class SimpleXmlReader
{
    /// <summary>The longest name read (a longer one is left to <see cref="XmlReader"/>); the size of the name buffer.</summary>
    public const int MaxName = 128;

    private static readonly SearchValues<byte> XmlSpace = SearchValues.Create(" \t\n\r"u8);

    /// <summary>
    /// Fills <paramref name="events"/> with the document's events and returns true, or returns false (events then
    /// meaningless) when the document is outside the subset or not well-formed.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> data, XmlNameTable nameTable, char[] nameBuffer, List<XmlEvent> events)
    {
        events.Clear();
        // U+FFFE and U+FFFF are not XML characters.
        if (!System.Text.Unicode.Utf8.IsValid(data) || ControlBytes.AnyOutsideText(data)
            || data.IndexOf((ReadOnlySpan<byte>)[0xEF, 0xBF, 0xBE]) >= 0 || data.IndexOf((ReadOnlySpan<byte>)[0xEF, 0xBF, 0xBF]) >= 0)
        {
            return false;
        }

        var i = data.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        if (data[i..].StartsWith("<?xml"u8) && !TryDeclaration(data, ref i))
        {
            return false;
        }

        var open = new List<(int Start, int Length)>(16);
        // Prefixes declared by open elements, as places in the document (they are compared, never made into strings,
        // so a device inventing prefixes adds nothing to the name table), with the depth of the declaring element.
        var prefixes = new List<(int Start, int Length, int Depth)>();
        // This start tag's attributes (the prefix as a place, -1 for none).
        var attributes = new List<(string Local, int PrefixStart, int PrefixLength, string Value)>(8);
        var rootSeen = false;
        var rootClosed = false;
        while (i < data.Length)
        {
            var lt = data[i..].IndexOf((byte)'<');
            var runEnd = lt < 0 ? data.Length : i + lt;
            if (!TryText(data[i..runEnd], open.Count, events))
            {
                return false;
            }

            if (lt < 0)
            {
                break;
            }

            i = runEnd;
            if (i + 1 >= data.Length)
            {
                return false;
            }

            var next = data[i + 1];
            if (next == (byte)'/')
            {
                // End tag: the open element's name, optional whitespace, '>'.
                if (open.Count == 0)
                {
                    return false;
                }

                var (start, length) = open[^1];
                var at = i + 2;
                if (at + length > data.Length || !data.Slice(at, length).SequenceEqual(data.Slice(start, length)))
                {
                    return false;
                }

                at = SkipSpace(data, at + length);
                if (at >= data.Length || data[at] != (byte)'>')
                {
                    return false;
                }

                open.RemoveAt(open.Count - 1);
                Undeclare(prefixes, open.Count + 1);
                events.Add(new XmlEvent(XmlEventKind.EndElement, "", null));
                rootClosed = open.Count == 0;
                i = at + 1;
                continue;
            }

            if (next == (byte)'!')
            {
                // Only comments: "<!--", no "--" inside, not ending in '-'.
                if (!data[i..].StartsWith("<!--"u8))
                {
                    return false;
                }

                var close = data[(i + 4)..].IndexOf("-->"u8);
                if (close < 0)
                {
                    return false;
                }

                var comment = data.Slice(i + 4, close);
                if (comment.IndexOf("--"u8) >= 0 || (comment.Length > 0 && comment[^1] == (byte)'-'))
                {
                    return false;
                }

                i += 4 + close + 3;
                continue;
            }

            if (next == (byte)'?' || rootClosed)
            {
                // A processing instruction, or a second root element.
                return false;
            }

            // Start tag.
            var nameStart = i + 1;
            var nameLength = QualifiedNameLength(data, nameStart);
            if (nameLength == 0)
            {
                return false;
            }

            var pos = nameStart + nameLength;
            attributes.Clear();
            var defaultDeclared = false;
            var depth = open.Count + 1;
            bool empty;
            while (true)
            {
                var afterSpace = SkipSpace(data, pos);
                if (afterSpace >= data.Length)
                {
                    return false;
                }

                if (data[afterSpace] == (byte)'>')
                {
                    empty = false;
                    pos = afterSpace + 1;
                    break;
                }

                if (data[afterSpace] == (byte)'/')
                {
                    if (afterSpace + 1 >= data.Length || data[afterSpace + 1] != (byte)'>')
                    {
                        return false;
                    }

                    empty = true;
                    pos = afterSpace + 2;
                    break;
                }

                // An attribute needs whitespace before it.
                if (afterSpace == pos)
                {
                    return false;
                }

                var attributeLength = QualifiedNameLength(data, afterSpace);
                if (attributeLength == 0)
                {
                    return false;
                }

                var attributeName = data.Slice(afterSpace, attributeLength);
                pos = SkipSpace(data, afterSpace + attributeLength);
                if (pos >= data.Length || data[pos] != (byte)'=')
                {
                    return false;
                }

                pos = SkipSpace(data, pos + 1);
                if (pos >= data.Length || data[pos] is not ((byte)'"' or (byte)'\''))
                {
                    return false;
                }

                var quote = data[pos];
                var valueEnd = data[(pos + 1)..].IndexOf(quote);
                if (valueEnd < 0)
                {
                    return false;
                }

                var raw = data.Slice(pos + 1, valueEnd);
                pos += valueEnd + 2;
                if (raw.IndexOfAny((byte)'<', (byte)'\t') >= 0 || raw.IndexOfAny((byte)'\n', (byte)'\r') >= 0
                    || !TryUnescape(raw, out var value))
                {
                    return false;
                }

                var colon = attributeName.IndexOf((byte)':');
                var local = colon < 0 ? attributeName : attributeName[(colon + 1)..];
                var prefix = colon < 0 ? [] : attributeName[..colon];
                if (colon >= 0 && prefix.SequenceEqual("xml"u8))
                {
                    // xml:space changes which whitespace is reported; xml:lang and the others are rare.
                    return false;
                }

                if (colon < 0 && local.SequenceEqual("xmlns"u8))
                {
                    // The default namespace: not reported; declared twice in one tag is an error.
                    if (defaultDeclared)
                    {
                        return false;
                    }

                    defaultDeclared = true;
                    continue;
                }

                if (colon >= 0 && prefix.SequenceEqual("xmlns"u8))
                {
                    // A prefix declaration: not reported; the same prefix declared twice in one tag (already among
                    // this depth's declarations) is an error, and so are the reserved ones and an empty namespace.
                    if (local.SequenceEqual("xml"u8) || local.SequenceEqual("xmlns"u8) || value.Length == 0
                        || IsDeclared(data, local, prefixes, depth))
                    {
                        return false;
                    }

                    prefixes.Add((afterSpace + colon + 1, local.Length, depth));
                    continue;
                }

                if (local.SequenceEqual("xmlns"u8))
                {
                    // p:xmlns, which the decoder would leave out like a declaration.
                    return false;
                }

                attributes.Add((Atomize(local, nameTable, nameBuffer), colon < 0 ? -1 : afterSpace, Math.Max(colon, 0), value));
            }

            // Attribute local names must differ (two prefixes for one namespace would be an error), and every prefix
            // must be declared (on this element or an open one).
            for (var a = 0; a < attributes.Count; a++)
            {
                for (var b = a + 1; b < attributes.Count; b++)
                {
                    if (attributes[a].Local == attributes[b].Local)
                    {
                        return false;
                    }
                }

                if (attributes[a].PrefixStart >= 0 && !IsDeclared(data, data.Slice(attributes[a].PrefixStart, attributes[a].PrefixLength), prefixes))
                {
                    return false;
                }
            }

            var qualified = data.Slice(nameStart, nameLength);
            var elementColon = qualified.IndexOf((byte)':');
            if (elementColon >= 0 && !IsDeclared(data, qualified[..elementColon], prefixes))
            {
                return false;
            }

            var elementLocal = elementColon < 0 ? qualified : qualified[(elementColon + 1)..];
            events.Add(new XmlEvent(XmlEventKind.Element, Atomize(elementLocal, nameTable, nameBuffer), null, empty));
            foreach (var (local, _, _, value) in attributes)
            {
                events.Add(new XmlEvent(XmlEventKind.Attribute, local, value));
            }

            rootSeen = true;
            if (empty)
            {
                Undeclare(prefixes, depth);
                rootClosed = open.Count == 0;
            }
            else
            {
                open.Add((nameStart, nameLength));
            }

            i = pos;
        }

        return rootSeen && open.Count == 0;
    }

    // The XML declaration at i: version 1.0, then optionally encoding UTF-8 and standalone yes/no; i moves past it.
    private static bool TryDeclaration(ReadOnlySpan<byte> data, ref int i)
    {
        var end = data[i..].IndexOf("?>"u8);
        if (end < 0)
        {
            return false;
        }

        var text = Encoding.ASCII.GetString(data.Slice(i + 5, end - 5));
        var parts = text.Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
        if (text.Length == 0 || text[0] is not (' ' or '\t' or '\n' or '\r') || parts.Length is < 1 or > 3
            || parts[0] is not ("version=\"1.0\"" or "version='1.0'"))
        {
            return false;
        }

        var k = 1;
        if (k < parts.Length && parts[k].StartsWith("encoding=", StringComparison.Ordinal))
        {
            var encoding = parts[k][9..];
            if (encoding is not ("\"utf-8\"" or "'utf-8'" or "\"UTF-8\"" or "'UTF-8'"))
            {
                return false;
            }

            k++;
        }

        if (k < parts.Length && parts[k] is "standalone=\"yes\"" or "standalone=\"no\"" or "standalone='yes'" or "standalone='no'")
        {
            k++;
        }

        if (k != parts.Length)
        {
            return false;
        }

        i += end + 2;
        return true;
    }

    // A run of character data: outside the root only whitespace; inside, reported unless it is only whitespace.
    private static bool TryText(ReadOnlySpan<byte> run, int depth, List<XmlEvent> events)
    {
        if (run.IndexOfAnyExcept(XmlSpace) < 0)
        {
            return true;
        }

        if (depth == 0 || run.IndexOf("]]>"u8) >= 0 || !TryUnescape(run, out var text))
        {
            return false;
        }

        // Line ends as the reader gives them: "\r\n" and a lone "\r" become "\n".
        if (text.Contains('\r'))
        {
            text = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        }

        events.Add(new XmlEvent(XmlEventKind.Text, "", text));
        return true;
    }

    // UTF-8 text with the five predefined entities replaced; false on any other reference.
    private static bool TryUnescape(ReadOnlySpan<byte> raw, out string text)
    {
        var amp = raw.IndexOf((byte)'&');
        if (amp < 0)
        {
            text = Encoding.UTF8.GetString(raw);
            return true;
        }

        var sb = new StringBuilder(raw.Length);
        while (amp >= 0)
        {
            sb.Append(Encoding.UTF8.GetString(raw[..amp]));
            var rest = raw[amp..];
            char replacement;
            int length;
            if (rest.StartsWith("&lt;"u8))
            {
                (replacement, length) = ('<', 4);
            }
            else if (rest.StartsWith("&gt;"u8))
            {
                (replacement, length) = ('>', 4);
            }
            else if (rest.StartsWith("&amp;"u8))
            {
                (replacement, length) = ('&', 5);
            }
            else if (rest.StartsWith("&quot;"u8))
            {
                (replacement, length) = ('"', 6);
            }
            else if (rest.StartsWith("&apos;"u8))
            {
                (replacement, length) = ('\'', 6);
            }
            else
            {
                text = "";
                return false;
            }

            sb.Append(replacement);
            raw = rest[length..];
            amp = raw.IndexOf((byte)'&');
        }

        sb.Append(Encoding.UTF8.GetString(raw));
        text = sb.ToString();
        return true;
    }

    // Length of an ASCII name (optionally prefix:local) starting at i; 0 when there is none.
    private static int QualifiedNameLength(ReadOnlySpan<byte> data, int i)
    {
        var start = i;
        var colon = -1;
        while (i < data.Length)
        {
            var c = data[i];
            var first = i == start || i == colon + 1;
            if (char.IsAsciiLetter((char)c) || c == (byte)'_' || (!first && (char.IsAsciiDigit((char)c) || c is (byte)'-' or (byte)'.')))
            {
                i++;
                continue;
            }

            if (c == (byte)':' && colon < 0 && !first)
            {
                colon = i;
                i++;
                continue;
            }

            break;
        }

        var length = i - start;
        // Ends on a name character (not a ':'), and is followed by something that may end a name.
        if (length == 0 || length > MaxName || i == colon + 1 || (i < data.Length && data[i] >= 0x80))
        {
            return 0;
        }

        return length;
    }

    // Forgets the prefixes declared by elements at depth or deeper (they were closed).
    private static void Undeclare(List<(int Start, int Length, int Depth)> prefixes, int depth)
    {
        while (prefixes.Count > 0 && prefixes[^1].Depth >= depth)
        {
            prefixes.RemoveAt(prefixes.Count - 1);
        }
    }

    // True when prefix is xml or declared by an open element (or this tag) at depth minDepth or deeper.
    private static bool IsDeclared(ReadOnlySpan<byte> data, ReadOnlySpan<byte> prefix, List<(int Start, int Length, int Depth)> prefixes,
        int minDepth = 0)
    {
        if (minDepth == 0 && prefix.SequenceEqual("xml"u8))
        {
            return true;
        }

        foreach (var (start, length, depth) in prefixes)
        {
            if (depth >= minDepth && data.Slice(start, length).SequenceEqual(prefix))
            {
                return true;
            }
        }

        return false;
    }

    // The name table's string for an ASCII name (no string is made for a name it already holds).
    private static string Atomize(ReadOnlySpan<byte> ascii, XmlNameTable nameTable, char[] buffer)
    {
        Ascii.ToUtf16(ascii, buffer, out var written);
        return nameTable.Add(buffer, 0, written);
    }

    private static int SkipSpace(ReadOnlySpan<byte> data, int i)
    {
        while (i < data.Length && data[i] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
        {
            i++;
        }

        return i;
    }
}
