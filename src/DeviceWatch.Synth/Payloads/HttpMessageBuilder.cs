using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;

namespace DeviceWatch.Synth.Payloads;

/// <summary>Builds byte-exact HTTP/1.1 requests and responses (optionally gzip and/or chunked bodies).</summary>
public static class HttpMessageBuilder
{
    /// <summary>The request bytes: request line, headers, blank line, body.</summary>
    public static byte[] Request(HttpRequestSpec request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"{request.Method} {request.Path} HTTP/1.1\r\n");
        head.Append(CultureInfo.InvariantCulture, $"Host: {request.Host}\r\n");
        if (request.UserAgent is not null)
        {
            head.Append(CultureInfo.InvariantCulture, $"User-Agent: {request.UserAgent}\r\n");
        }

        head.Append("Accept: */*\r\n");
        return Compose(head, request.Headers, request.ContentType, request.Body, request.Gzip, request.Chunked, request.ChunkSize, forceLength: false);
    }

    /// <summary>The response bytes: status line, headers, blank line, body.</summary>
    public static byte[] Response(HttpResponseSpec response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var reason = response.ReasonPhrase ?? ReasonFor(response.StatusCode);
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {response.StatusCode} {reason}\r\n");
        if (response.Server is not null)
        {
            head.Append(CultureInfo.InvariantCulture, $"Server: {response.Server}\r\n");
        }

        return Compose(head, response.Headers, response.Body is null ? null : response.ContentType, response.Body, response.Gzip, response.Chunked, response.ChunkSize, forceLength: true);
    }

    /// <summary>An <c>application/x-www-form-urlencoded</c> body from <paramref name="fields"/>.</summary>
    public static string FormBody(IEnumerable<KeyValuePair<string, string>> fields) =>
        string.Join('&', fields.Select(f => WebUtility.UrlEncode(f.Key) + "=" + WebUtility.UrlEncode(f.Value)));

    /// <summary>Gzip-compresses <paramref name="data"/> (deterministic for a given runtime).</summary>
    public static byte[] GzipCompress(ReadOnlySpan<byte> data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    private static byte[] Compose(
        StringBuilder head,
        IReadOnlyList<KeyValuePair<string, string>> extraHeaders,
        string? contentType,
        byte[]? body,
        bool gzip,
        bool chunked,
        int chunkSize,
        bool forceLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        var content = body is null ? [] : gzip ? GzipCompress(body) : body;
        if (body is not null && contentType is not null)
        {
            head.Append(CultureInfo.InvariantCulture, $"Content-Type: {contentType}\r\n");
        }

        if (body is not null && gzip)
        {
            head.Append("Content-Encoding: gzip\r\n");
        }

        if (chunked)
        {
            head.Append("Transfer-Encoding: chunked\r\n");
        }
        else if (body is not null || forceLength)
        {
            head.Append(CultureInfo.InvariantCulture, $"Content-Length: {content.Length}\r\n");
        }

        foreach (var header in extraHeaders)
        {
            head.Append(CultureInfo.InvariantCulture, $"{header.Key}: {header.Value}\r\n");
        }

        head.Append("\r\n");
        var output = new List<byte>(head.Length + content.Length + 64);
        output.AddRange(Encoding.ASCII.GetBytes(head.ToString()));
        if (!chunked)
        {
            output.AddRange(content);
            return [.. output];
        }

        for (var offset = 0; offset < content.Length; offset += chunkSize)
        {
            var length = Math.Min(chunkSize, content.Length - offset);
            output.AddRange(Encoding.ASCII.GetBytes(length.ToString("x", CultureInfo.InvariantCulture) + "\r\n"));
            output.AddRange(content.AsSpan(offset, length));
            output.AddRange("\r\n"u8);
        }

        output.AddRange("0\r\n\r\n"u8);
        return [.. output];
    }

    private static string ReasonFor(int status) => status switch
    {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    };
}
