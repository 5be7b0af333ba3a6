namespace DeviceWatch.Synth.Payloads;

/// <summary>An HTTP/1.1 request to build with <see cref="HttpMessageBuilder.Request"/>.</summary>
public sealed record HttpRequestSpec
{
    /// <summary>Method, e.g. GET or POST.</summary>
    public string Method { get; init; } = "GET";

    /// <summary>Host header value (host or host:port).</summary>
    public required string Host { get; init; }

    /// <summary>Request target (path and query).</summary>
    public string Path { get; init; } = "/";

    /// <summary>User-Agent header, or null to leave it out.</summary>
    public string? UserAgent { get; init; } = "okhttp/4.9.3";

    /// <summary>Content-Type of the body, e.g. <c>application/json</c>.</summary>
    public string? ContentType { get; init; }

    /// <summary>Body bytes (before compression), or null for none.</summary>
    public byte[]? Body { get; init; }

    /// <summary>Gzip the body and send <c>Content-Encoding: gzip</c>.</summary>
    public bool Gzip { get; init; }

    /// <summary>Send the body with <c>Transfer-Encoding: chunked</c> instead of Content-Length.</summary>
    public bool Chunked { get; init; }

    /// <summary>Chunk size when <see cref="Chunked"/>.</summary>
    public int ChunkSize { get; init; } = 512;

    /// <summary>Further headers, in order, after the standard ones.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];
}
