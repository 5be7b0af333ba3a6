using System.Buffers;
using System.Text;

namespace DeviceWatch.Proxy.Relay;

/// <summary>
/// Sans-IO parser of one HTTP/1.x head (RFC 9112 §2-6) from the start of a buffer: the size limit is checked
/// before anything is parsed; obsolete line folding, whitespace before the colon, conflicting Content-Length and a
/// Transfer-Encoding that does not end in chunked (requests) are malformed — the framing must be unambiguous.
/// </summary>
internal static class HttpHeadParser
{
    private const int MaxHeaderCount = 256;
    private static ReadOnlySpan<byte> HeadEnd => "\r\n\r\n"u8;

    /// <summary>Parses a head at the start of <paramref name="buffer"/>; <paramref name="length"/> is its size in bytes.</summary>
    public static HttpHeadStatus TryParse(ReadOnlySequence<byte> buffer, bool isRequest, int maxBytes, out HttpHead? head, out int length)
    {
        head = null;
        length = 0;
        var window = buffer.Length > maxBytes + HeadEnd.Length ? buffer.Slice(0, maxBytes + HeadEnd.Length) : buffer;
        var bytes = window.IsSingleSegment ? window.FirstSpan : window.ToArray();
        var end = bytes.IndexOf(HeadEnd);
        if (end < 0)
        {
            return bytes.Length >= maxBytes ? HttpHeadStatus.TooLarge : HttpHeadStatus.NeedMore;
        }

        length = end + HeadEnd.Length;
        if (length > maxBytes)
        {
            return HttpHeadStatus.TooLarge;
        }

        head = Parse(bytes[..length], isRequest);
        return head is null ? HttpHeadStatus.Malformed : HttpHeadStatus.Complete;
    }

    private static HttpHead? Parse(ReadOnlySpan<byte> raw, bool isRequest)
    {
        var rest = raw[..^HeadEnd.Length];
        var startLine = NextLine(ref rest);

        // 1. Start line.
        string method = "", target = "", version;
        var status = 0;
        if (isRequest)
        {
            var sp1 = startLine.IndexOf((byte)' ');
            var sp2 = sp1 < 0 ? -1 : startLine[(sp1 + 1)..].IndexOf((byte)' ');
            if (sp1 <= 0 || sp2 <= 0)
            {
                return null;
            }

            var methodBytes = startLine[..sp1];
            var targetBytes = startLine.Slice(sp1 + 1, sp2);
            var versionBytes = startLine[(sp1 + sp2 + 2)..];
            if (!IsToken(methodBytes) || !IsTarget(targetBytes) || !TryVersion(versionBytes, out version))
            {
                return null;
            }

            method = KnownMethod(methodBytes) ?? Encoding.ASCII.GetString(methodBytes);
            target = Encoding.ASCII.GetString(targetBytes);
        }
        else
        {
            if (startLine.Length < 12 || startLine[8] != (byte)' ' || !TryVersion(startLine[..8], out version)
                || !TryStatus(startLine.Slice(9, 3), out status) || (startLine.Length > 12 && startLine[12] != (byte)' '))
            {
                return null;
            }
        }

        // 2. Header fields: framing facts read from the bytes; the name/value strings are made only when asked for
        //    (HttpHead.Headers), so relaying a message allocates no string per field.
        var headerCount = 0;
        long? contentLength = null;
        bool chunked = false, hasTe = false, close = version == "1.0", expect = false;
        while (!rest.IsEmpty)
        {
            var line = NextLine(ref rest);
            var colon = line.IndexOf((byte)':');
            if (colon <= 0 || !IsToken(line[..colon]) || headerCount >= MaxHeaderCount || line.IndexOfAny((byte)'\r', (byte)'\n', (byte)0) >= 0)
            {
                return null;
            }

            headerCount++;
            var name = line[..colon];
            var value = line[(colon + 1)..].Trim(" \t"u8);
            if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
            {
                if (!long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
                    || (contentLength is { } previous && previous != n))
                {
                    return null;
                }

                contentLength = n;
            }
            else if (Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
            {
                hasTe = true;
                chunked = LastCodingIsChunked(value);
            }
            else if (Ascii.EqualsIgnoreCase(name, "Connection"u8))
            {
                foreach (var range in value.Split((byte)','))
                {
                    var option = value[range].Trim(" \t"u8);
                    if (Ascii.EqualsIgnoreCase(option, "close"u8))
                    {
                        close = true;
                    }
                    else if (Ascii.EqualsIgnoreCase(option, "keep-alive"u8) && version == "1.0")
                    {
                        close = false;
                    }
                }
            }
            else if (Ascii.EqualsIgnoreCase(name, "Expect"u8))
            {
                expect = Ascii.EqualsIgnoreCase(value, "100-continue"u8);
            }
        }

        // 3. Framing must be unambiguous (RFC 9112 §6.3): no TE with CL in a request, TE must end in chunked.
        if (isRequest && hasTe && (!chunked || contentLength is not null))
        {
            return null;
        }

        return new HttpHead
        {
            Raw = raw.ToArray(),
            Method = method,
            Target = target,
            Version = version,
            Status = status,
            ContentLength = hasTe ? null : contentLength,
            Chunked = chunked,
            HasTransferEncoding = hasTe,
            Close = close,
            ExpectContinue = expect,
        };
    }

    /// <summary>Header fields of a complete head (as parsed by <see cref="TryParse"/>), in wire order.</summary>
    public static List<KeyValuePair<string, string>> Fields(ReadOnlySpan<byte> raw)
    {
        var fields = new List<KeyValuePair<string, string>>();
        var rest = raw.Length >= HeadEnd.Length ? raw[..^HeadEnd.Length] : raw;
        NextLine(ref rest); // the start line
        while (!rest.IsEmpty)
        {
            var line = NextLine(ref rest);
            var colon = line.IndexOf((byte)':');
            if (colon > 0)
            {
                fields.Add(KeyValuePair.Create(Encoding.ASCII.GetString(line[..colon]), Encoding.Latin1.GetString(line[(colon + 1)..].Trim(" \t"u8))));
            }
        }

        return fields;
    }

    // The line at the start of rest (up to CRLF, or all of it), leaving rest after the CRLF.
    private static ReadOnlySpan<byte> NextLine(ref ReadOnlySpan<byte> rest)
    {
        var end = rest.IndexOf("\r\n"u8);
        var line = end < 0 ? rest : rest[..end];
        rest = end < 0 ? [] : rest[(end + 2)..];
        return line;
    }

    private static bool LastCodingIsChunked(ReadOnlySpan<byte> value)
    {
        // The last non-empty coding of the comma-separated list (RFC 9112 §6.1).
        var last = ReadOnlySpan<byte>.Empty;
        foreach (var range in value.Split((byte)','))
        {
            var coding = value[range].Trim(" \t"u8);
            if (!coding.IsEmpty)
            {
                last = coding;
            }
        }

        return Ascii.EqualsIgnoreCase(last, "chunked"u8);
    }

    private static string? KnownMethod(ReadOnlySpan<byte> bytes) => bytes switch
    {
        _ when bytes.SequenceEqual("GET"u8) => "GET",
        _ when bytes.SequenceEqual("POST"u8) => "POST",
        _ when bytes.SequenceEqual("PUT"u8) => "PUT",
        _ when bytes.SequenceEqual("HEAD"u8) => "HEAD",
        _ when bytes.SequenceEqual("DELETE"u8) => "DELETE",
        _ when bytes.SequenceEqual("PATCH"u8) => "PATCH",
        _ when bytes.SequenceEqual("OPTIONS"u8) => "OPTIONS",
        _ when bytes.SequenceEqual("CONNECT"u8) => "CONNECT",
        _ => null,
    };

    private static bool TryVersion(ReadOnlySpan<byte> bytes, out string version)
    {
        version = bytes.SequenceEqual("HTTP/1.1"u8) ? "1.1" : bytes.SequenceEqual("HTTP/1.0"u8) ? "1.0" : "";
        return version.Length > 0;
    }

    private static bool TryStatus(ReadOnlySpan<byte> bytes, out int status)
    {
        status = 0;
        foreach (var b in bytes)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            status = status * 10 + (b - '0');
        }

        return status >= 100;
    }

    private static bool IsToken(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return false;
        }

        foreach (var b in bytes)
        {
            var ok = b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9'
                || "!#$%&'*+-.^_`|~"u8.Contains(b);
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsTarget(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b <= 0x20 || b >= 0x7f)
            {
                return false;
            }
        }

        return !bytes.IsEmpty;
    }
}
