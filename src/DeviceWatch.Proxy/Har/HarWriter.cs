using System.Globalization;
using System.Text;
using System.Text.Json;
using DeviceWatch.Core.Text;
using DeviceWatch.Dissect.Common;

namespace DeviceWatch.Proxy.Har;

/// <summary>
/// Writes relayed exchanges as a HAR 1.2 file (http://www.softwareishard.com/blog/har-12-spec/), one entry at a time:
/// the document is opened on creation, every <see cref="Write"/> appends an entry, and <see cref="Dispose"/> closes
/// it (a file whose writer was not disposed is not valid JSON). Values are written unmasked: HAR is a raw lab
/// artefact. Not thread-safe: call it from one thread (the proxy's sinks are called one at a time).
/// </summary>
public sealed class HarWriter : IDisposable
{
    private readonly FileStream _file;
    private readonly Utf8JsonWriter _json;
    private bool _disposed;

    /// <summary>Creates (or replaces) <paramref name="path"/> and writes the document's opening.</summary>
    /// <exception cref="IOException">The file cannot be created.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be created.</exception>
    public HarWriter(string path, string creatorName, string creatorVersion)
    {
        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 64 * 1024);
        _json = new Utf8JsonWriter(_file, new JsonWriterOptions { Indented = true });
        _json.WriteStartObject();
        _json.WriteStartObject("log");
        _json.WriteString("version", "1.2");
        _json.WriteStartObject("creator");
        _json.WriteString("name", creatorName);
        _json.WriteString("version", creatorVersion);
        _json.WriteEndObject();
        _json.WriteStartArray("pages");
        _json.WriteEndArray();
        _json.WriteStartArray("entries");
        _json.Flush();
    }

    /// <summary>Entries written so far.</summary>
    public long Entries { get; private set; }

    /// <summary>Appends the entry of <paramref name="exchange"/>.</summary>
    public void Write(ProxiedExchange exchange)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var request = exchange.Request;
        var response = exchange.Response;

        // Timings (ms): send = first to last request byte; wait = last request byte to first response byte;
        // receive = first to last response byte. Phases the proxy did not do for this request are -1.
        var send = Milliseconds(exchange.RequestStarted, request.Timestamp);
        var wait = response is null ? -1 : Milliseconds(request.Timestamp, exchange.ResponseStarted ?? response.Timestamp);
        var receive = response is null ? -1 : Milliseconds(exchange.ResponseStarted ?? response.Timestamp, response.Timestamp);
        var total = send + Math.Max(wait, 0) + Math.Max(receive, 0);

        _json.WriteStartObject();
        _json.WriteString("startedDateTime", exchange.RequestStarted.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
        _json.WriteNumber("time", Math.Round(total, 3));

        // 1. Request.
        _json.WriteStartObject("request");
        _json.WriteString("method", request.Method);
        _json.WriteString("url", Url(exchange));
        _json.WriteString("httpVersion", "HTTP/" + request.Version);
        WriteCookies(request.Headers, "Cookie");
        WriteHeaders(request.Headers);
        WriteQuery(request.Target);
        if (request.BodyLength > 0 || request.Header("Content-Type") is not null && request.Method is "POST" or "PUT" or "PATCH")
        {
            _json.WriteStartObject("postData");
            _json.WriteString("mimeType", request.Header("Content-Type") ?? "");
            _json.WriteStartArray("params");
            _json.WriteEndArray();
            WriteText(request.Body, request.BodyTruncated);
            _json.WriteEndObject();
        }

        _json.WriteNumber("headersSize", -1);
        _json.WriteNumber("bodySize", request.BodyLength);
        _json.WriteEndObject();

        // 2. Response (status 0 when none came).
        _json.WriteStartObject("response");
        _json.WriteNumber("status", response?.Status ?? 0);
        _json.WriteString("statusText", response?.Reason ?? "");
        _json.WriteString("httpVersion", response is null ? "" : "HTTP/" + response.Version);
        WriteCookies(response?.Headers ?? [], "Set-Cookie");
        WriteHeaders(response?.Headers ?? []);
        _json.WriteStartObject("content");
        var decodedSize = response is null ? 0 : response.BodyTruncated ? response.BodyLength : response.Body.Length;
        _json.WriteNumber("size", decodedSize);
        if (response?.DecodedContentEncoding is not null && !response.BodyTruncated)
        {
            _json.WriteNumber("compression", decodedSize - response.BodyLength);
        }

        _json.WriteString("mimeType", response?.Header("Content-Type") ?? "");
        if (response is not null)
        {
            WriteText(response.Body, response.BodyTruncated);
        }

        _json.WriteEndObject();
        _json.WriteString("redirectURL", response?.Header("Location") ?? "");
        _json.WriteNumber("headersSize", -1);
        _json.WriteNumber("bodySize", response?.BodyLength ?? -1);
        _json.WriteEndObject();

        // 3. The rest.
        _json.WriteStartObject("cache");
        _json.WriteEndObject();
        _json.WriteStartObject("timings");
        _json.WriteNumber("blocked", -1);
        _json.WriteNumber("dns", -1);
        _json.WriteNumber("connect", -1);
        _json.WriteNumber("ssl", -1);
        _json.WriteNumber("send", Math.Round(send, 3));
        _json.WriteNumber("wait", Math.Round(wait, 3));
        _json.WriteNumber("receive", Math.Round(receive, 3));
        _json.WriteEndObject();
        if (exchange.ServerIp is not null)
        {
            _json.WriteString("serverIPAddress", exchange.ServerIp);
        }

        _json.WriteString("connection", exchange.Uid);
        _json.WriteString("_device", exchange.Device);
        _json.WriteString("_clientIPAddress", exchange.ClientIp);
        _json.WriteString("_transport", exchange.Transport);
        _json.WriteEndObject();
        _json.Flush();
        Entries++;
    }

    /// <summary>Closes the entries array and the document, and the file.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _json.WriteEndArray();
        _json.WriteEndObject();
        _json.WriteEndObject();
        _json.Flush();
        _json.Dispose();
        _file.Dispose();
    }

    /// <summary>The absolute URL of the request (absolute-form targets as sent; default ports left out).</summary>
    internal static string Url(ProxiedExchange exchange)
    {
        var target = exchange.Request.Target;
        if (target.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || target.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return target;
        }

        var host = exchange.Request.Host ?? exchange.Destination;
        var hasPort = host.StartsWith('[') ? host.Contains("]:", StringComparison.Ordinal) : host.Contains(':', StringComparison.Ordinal);
        var defaultPort = exchange.Scheme == "https" ? 443 : 80;
        if (!hasPort && exchange.DestinationPort > 0 && exchange.DestinationPort != defaultPort)
        {
            host += ":" + exchange.DestinationPort.ToString(CultureInfo.InvariantCulture);
        }

        return exchange.Scheme + "://" + host + (target.StartsWith('/') ? target : "/" + target);
    }

    private void WriteHeaders(IReadOnlyList<HttpHeader> headers)
    {
        _json.WriteStartArray("headers");
        foreach (var header in headers)
        {
            _json.WriteStartObject();
            _json.WriteString("name", header.Name);
            _json.WriteString("value", header.Value);
            _json.WriteEndObject();
        }

        _json.WriteEndArray();
    }

    private void WriteCookies(IReadOnlyList<HttpHeader> headers, string headerName)
    {
        _json.WriteStartArray("cookies");
        foreach (var header in headers)
        {
            if (!string.Equals(header.Name, headerName, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            // Cookie: a=1; b=2 — Set-Cookie: a=1; Path=/ (only the first pair names the cookie).
            var pairs = headerName == "Cookie" ? header.Value.Split(';') : [header.Value.Split(';')[0]];
            foreach (var pair in pairs)
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    continue;
                }

                _json.WriteStartObject();
                _json.WriteString("name", pair[..eq].Trim());
                _json.WriteString("value", pair[(eq + 1)..].Trim());
                _json.WriteEndObject();
            }
        }

        _json.WriteEndArray();
    }

    private void WriteQuery(string target)
    {
        _json.WriteStartArray("queryString");
        var question = target.IndexOf('?', StringComparison.Ordinal);
        if (question >= 0)
        {
            var query = target[(question + 1)..];
            var hash = query.IndexOf('#', StringComparison.Ordinal);
            foreach (var pair in (hash >= 0 ? query[..hash] : query).Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                _json.WriteStartObject();
                _json.WriteString("name", Unescape(eq < 0 ? pair : pair[..eq]));
                _json.WriteString("value", eq < 0 ? "" : Unescape(pair[(eq + 1)..]));
                _json.WriteEndObject();
            }
        }

        _json.WriteEndArray();
    }

    /// <summary>Text when the bytes are UTF-8 without control characters (other than tab and line ends), else base64.</summary>
    private void WriteText(ReadOnlyMemory<byte> body, bool truncated)
    {
        if (PrintableText.IsPrintableUtf8(body.Span))
        {
            _json.WriteString("text", Encoding.UTF8.GetString(body.Span));
        }
        else
        {
            _json.WriteBase64String("text", body.Span);
            _json.WriteString("encoding", "base64");
        }

        if (truncated)
        {
            _json.WriteString("comment", "body cut at the proxy's capture limit");
        }
    }

    private static string Unescape(string text)
    {
        try
        {
            return Uri.UnescapeDataString(text.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            return text;
        }
    }

    private static double Milliseconds(DateTime from, DateTime to) => Math.Max(0, (to - from).TotalMilliseconds);
}
