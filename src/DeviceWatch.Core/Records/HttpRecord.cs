namespace DeviceWatch.Core.Records;

/// <summary>One HTTP request and its response (when seen), written to <c>http.jsonl</c>.</summary>
public sealed record HttpRecord
{
    /// <summary>Time of the request.</summary>
    public required DateTime Ts { get; init; }
    /// <summary>Flow identifier.</summary>
    public required string Uid { get; init; }
    /// <summary>Device id, or null.</summary>
    public string? Device { get; init; }
    /// <summary>Request method.</summary>
    public string? Method { get; init; }
    /// <summary>Host header (or authority of an absolute URI).</summary>
    public string? Host { get; init; }
    /// <summary>Request target as sent.</summary>
    public string? Uri { get; init; }
    /// <summary>Response status code, null when no response was seen.</summary>
    public int? Status { get; init; }
    /// <summary>User-Agent header.</summary>
    public string? UserAgent { get; init; }
    /// <summary>Request Content-Type.</summary>
    public string? RequestContentType { get; init; }
    /// <summary>Request body length on the wire after de-chunking (before content decoding).</summary>
    public long RequestBodyLen { get; init; }
    /// <summary>Response body length on the wire after de-chunking.</summary>
    public long ResponseBodyLen { get; init; }
    /// <summary>Response Content-Type.</summary>
    public string? ResponseContentType { get; init; }
    /// <summary>HTTP version of the request (1.0 or 1.1).</summary>
    public string? Version { get; init; }
    /// <summary>Transport: <c>cleartext</c> or <c>tls-intercepted</c>.</summary>
    public string Transport { get; init; } = "cleartext";
}
