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
        var text = raw[..^HeadEnd.Length];
        var lineEnd = text.IndexOf("\r\n"u8);
        var startLine = lineEnd < 0 ? text : text[..lineEnd];
        var rest = lineEnd < 0 ? [] : text[(lineEnd + 2)..];

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

            method = Encoding.ASCII.GetString(methodBytes);
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

        // 2. Header fields.
        var headers = new List<KeyValuePair<string, string>>();
        long? contentLength = null;
        bool chunked = false, hasTe = false, close = version == "1.0", expect = false;
        while (!rest.IsEmpty)
        {
            var next = rest.IndexOf("\r\n"u8);
            var line = next < 0 ? rest : rest[..next];
            rest = next < 0 ? [] : rest[(next + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0 || !IsToken(line[..colon]) || headers.Count >= MaxHeaderCount || line.IndexOfAny((byte)'\r', (byte)'\n', (byte)0) >= 0)
            {
                return null;
            }

            var name = Encoding.ASCII.GetString(line[..colon]);
            var value = Encoding.Latin1.GetString(line[(colon + 1)..].Trim(" \t"u8));
            headers.Add(KeyValuePair.Create(name, value));
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                if (!long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
                    || (contentLength is { } previous && previous != n))
                {
                    return null;
                }

                contentLength = n;
            }
            else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                hasTe = true;
                var codings = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                chunked = codings.Length > 0 && codings[^1].Equals("chunked", StringComparison.OrdinalIgnoreCase);
            }
            else if (name.Equals("Connection", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var option in value.Split(',', StringSplitOptions.TrimEntries))
                {
                    if (option.Equals("close", StringComparison.OrdinalIgnoreCase))
                    {
                        close = true;
                    }
                    else if (option.Equals("keep-alive", StringComparison.OrdinalIgnoreCase) && version == "1.0")
                    {
                        close = false;
                    }
                }
            }
            else if (name.Equals("Expect", StringComparison.OrdinalIgnoreCase))
            {
                expect = value.Equals("100-continue", StringComparison.OrdinalIgnoreCase);
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
            Headers = headers,
            ContentLength = hasTe ? null : contentLength,
            Chunked = chunked,
            HasTransferEncoding = hasTe,
            Close = close,
            ExpectContinue = expect,
        };
    }

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
