namespace DeviceWatch.Dissect.Http;

/// <summary>Message body length rules of RFC 9112 §6.3, for requests and for responses.</summary>
internal static class HttpMessageFraming
{
    /// <summary>Framing of a request body: Transfer-Encoding (must end in chunked), else Content-Length, else none.</summary>
    public static HttpFramingResult ForRequest(HttpMessageHead head)
    {
        // §6.3 item 3: Transfer-Encoding overrides Content-Length.
        var chunked = FinalCodingIsChunked(head, out var hasTransferEncoding);
        if (hasTransferEncoding)
        {
            // §6.3 item 4: a request whose final coding is not chunked cannot be framed.
            return chunked
                ? new HttpFramingResult(HttpBodyFraming.Chunked)
                : new HttpFramingResult(HttpBodyFraming.Invalid, Anomaly: HttpAnomaly.BadTransferEncoding);
        }

        return FromContentLength(head, HttpBodyFraming.None);
    }

    /// <summary>Framing of a response body, given the method of the request it answers (null when unknown).</summary>
    public static HttpFramingResult ForResponse(HttpMessageHead head, string? requestMethod)
    {
        // §6.3 item 1 and 2.
        if (head.Status == 101)
        {
            return new HttpFramingResult(HttpBodyFraming.Tunnel);
        }

        if (head.Status < 200)
        {
            return new HttpFramingResult(HttpBodyFraming.Interim);
        }

        if (requestMethod == "CONNECT" && head.Status < 300)
        {
            return new HttpFramingResult(HttpBodyFraming.Tunnel);
        }

        if (requestMethod == "HEAD" || head.Status == 204 || head.Status == 304)
        {
            return new HttpFramingResult(HttpBodyFraming.None);
        }

        var chunked = FinalCodingIsChunked(head, out var hasTransferEncoding);
        if (hasTransferEncoding)
        {
            return chunked
                ? new HttpFramingResult(HttpBodyFraming.Chunked)
                : new HttpFramingResult(HttpBodyFraming.UntilClose);
        }

        return FromContentLength(head, HttpBodyFraming.UntilClose);
    }

    private static HttpFramingResult FromContentLength(HttpMessageHead head, HttpBodyFraming whenAbsent)
    {
        long length = -1;
        foreach (var header in head.Headers)
        {
            if (!string.Equals(header.Name, "Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            // §6.3 item 5: a list of identical values is one value; differing values are unrecoverable.
            var values = header.Value.AsSpan();
            foreach (var range in values.Split(','))
            {
                if (!TryParseLength(values[range].Trim(" \t"), out var value))
                {
                    return new HttpFramingResult(HttpBodyFraming.Invalid, Anomaly: HttpAnomaly.BadContentLength);
                }

                if (length >= 0 && value != length)
                {
                    return new HttpFramingResult(HttpBodyFraming.Invalid, Anomaly: HttpAnomaly.ConflictingContentLength);
                }

                length = value;
            }
        }

        if (length < 0)
        {
            return new HttpFramingResult(whenAbsent);
        }

        return length == 0
            ? new HttpFramingResult(HttpBodyFraming.None)
            : new HttpFramingResult(HttpBodyFraming.ContentLength, length);
    }

    private static bool TryParseLength(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 18)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    private static bool FinalCodingIsChunked(HttpMessageHead head, out bool present)
    {
        present = false;
        var lastIsChunked = false;
        foreach (var header in head.Headers)
        {
            if (!string.Equals(header.Name, "Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            present = true;
            var codings = header.Value.AsSpan();
            foreach (var range in codings.Split(','))
            {
                var coding = codings[range];
                var parameters = coding.IndexOf(';');
                if (parameters >= 0)
                {
                    coding = coding[..parameters];
                }

                coding = coding.Trim(" \t");
                if (!coding.IsEmpty)
                {
                    lastIsChunked = coding.Equals("chunked", StringComparison.OrdinalIgnoreCase);
                }
            }
        }

        return lastIsChunked;
    }
}
