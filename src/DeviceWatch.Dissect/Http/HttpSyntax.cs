using System.Buffers;
using System.Text;

namespace DeviceWatch.Dissect.Http;

/// <summary>HTTP/1.x lexical rules (RFC 9110 §5.6, RFC 9112 §3-5) over byte spans, with interned common strings.</summary>
internal static class HttpSyntax
{
    /// <summary>Methods recognised by the content probe (RFC 9110, WebDAV, UPnP/SSDP/GENA).</summary>
    public static readonly string[] ProbeMethods =
    [
        "GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH", "CONNECT", "TRACE",
        "NOTIFY", "M-SEARCH", "SUBSCRIBE", "UNSUBSCRIBE",
        "PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK", "REPORT", "SEARCH", "MKCALENDAR",
    ];

    private static readonly string[] _knownHeaderNames =
    [
        "Host", "User-Agent", "Accept", "Accept-Encoding", "Accept-Language", "Connection", "Content-Length",
        "Content-Type", "Content-Encoding", "Transfer-Encoding", "Cache-Control", "Cookie", "Set-Cookie", "Date",
        "Server", "Authorization", "Referer", "Origin", "Upgrade", "Expect", "ETag", "Last-Modified", "Location",
        "Vary", "Keep-Alive", "Pragma", "Expires", "Trailer", "If-None-Match", "If-Modified-Since",
        "Accept-Ranges", "X-Powered-By", "Access-Control-Allow-Origin", "Content-Disposition", "Range",
        "host", "user-agent", "accept", "accept-encoding", "connection", "content-length", "content-type",
        "content-encoding", "transfer-encoding", "cookie", "date", "server",
    ];

    private static readonly byte[][] _probeMethodBytes =
        [.. ProbeMethods.Select(method => Encoding.ASCII.GetBytes(method + " "))];

    private static readonly byte[][] _knownHeaderNameBytes = [.. _knownHeaderNames.Select(Encoding.ASCII.GetBytes)];

    // tchar, RFC 9110 §5.6.2.
    private static readonly SearchValues<byte> _tokenChars =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8);

    private static readonly SearchValues<byte> _controlChars = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28,
         29, 30, 31, 127]);

    /// <summary>Probe byte patterns: each method followed by one space.</summary>
    public static byte[][] ProbeMethodBytes => _probeMethodBytes;

    /// <summary>True when <paramref name="value"/> is a non-empty token.</summary>
    public static bool IsToken(ReadOnlySpan<byte> value) => !value.IsEmpty && !value.ContainsAnyExcept(_tokenChars);

    /// <summary>True when <paramref name="value"/> may start a token (or is empty).</summary>
    public static bool IsTokenPrefix(ReadOnlySpan<byte> value) => !value.ContainsAnyExcept(_tokenChars);

    /// <summary>True when <paramref name="value"/> holds a control character (other than HTAB where allowed by the caller).</summary>
    public static bool HasControl(ReadOnlySpan<byte> value) => value.ContainsAny(_controlChars);

    /// <summary>Removes one trailing CR (lines end in CRLF; a bare LF is tolerated).</summary>
    public static ReadOnlySpan<byte> WithoutCr(ReadOnlySpan<byte> line) =>
        !line.IsEmpty && line[^1] == (byte)'\r' ? line[..^1] : line;

    /// <summary>Trims optional whitespace (SP / HTAB).</summary>
    public static ReadOnlySpan<byte> TrimWhitespace(ReadOnlySpan<byte> value) => value.Trim(" \t"u8);

    /// <summary>Latin-1 string of the bytes (header names and values are octets, RFC 9110 §5.5).</summary>
    public static string Latin1(ReadOnlySpan<byte> value) => value.IsEmpty ? "" : Encoding.Latin1.GetString(value);

    /// <summary>The method as a string, interned for the common ones.</summary>
    public static string Method(ReadOnlySpan<byte> method)
    {
        for (var i = 0; i < _probeMethodBytes.Length; i++)
        {
            var known = _probeMethodBytes[i];
            if (known.Length == method.Length + 1 && method.SequenceEqual(known.AsSpan(0, method.Length)))
            {
                return ProbeMethods[i];
            }
        }

        return Latin1(method);
    }

    /// <summary>The header name as a string, interned for common names spelled as usual.</summary>
    public static string HeaderName(ReadOnlySpan<byte> name)
    {
        for (var i = 0; i < _knownHeaderNameBytes.Length; i++)
        {
            var known = _knownHeaderNameBytes[i];
            if (known.Length == name.Length && name.SequenceEqual(known))
            {
                return _knownHeaderNames[i];
            }
        }

        return Latin1(name);
    }

    /// <summary>Parses <c>HTTP/1.0</c> or <c>HTTP/1.1</c> into <c>1.0</c> or <c>1.1</c>.</summary>
    public static bool TryParseVersion(ReadOnlySpan<byte> value, out string version)
    {
        version = "";
        if (value.Length != 8 || !value.StartsWith("HTTP/1."u8))
        {
            return false;
        }

        switch (value[7])
        {
            case (byte)'1':
                version = "1.1";
                return true;
            case (byte)'0':
                version = "1.0";
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// True when a partial start line (no LF yet) can still become a valid one, so garbage is rejected
    /// without waiting for a full header budget of bytes.
    /// </summary>
    public static bool IsPlausibleStartLinePrefix(ReadOnlySpan<byte> prefix, bool isRequest)
    {
        if (isRequest)
        {
            var space = prefix.IndexOf((byte)' ');
            return IsTokenPrefix(space < 0 ? prefix : prefix[..space]) && (space != 0);
        }

        var length = Math.Min(prefix.Length, 7);
        return prefix[..length].SequenceEqual("HTTP/1."u8[..length]);
    }

    /// <summary>The authority of an absolute-form (<c>http://host:port/path</c>) or authority-form target.</summary>
    public static string? AuthorityOf(string target, bool authorityForm)
    {
        if (authorityForm)
        {
            return target.Length > 0 ? target : null;
        }

        var scheme = target.IndexOf("://", StringComparison.Ordinal);
        if (scheme <= 0)
        {
            return null;
        }

        var start = scheme + 3;
        var end = target.IndexOfAny(['/', '?', '#'], start);
        var authority = end < 0 ? target[start..] : target[start..end];
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            authority = authority[(at + 1)..];
        }

        return authority.Length > 0 ? authority : null;
    }
}
