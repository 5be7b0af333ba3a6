namespace DeviceWatch.Proxy.Relay;

/// <summary>A parsed request or response head, with its exact wire bytes (relayed unaltered).</summary>
internal sealed class HttpHead
{
    /// <summary>The head as received: start line, header fields and the empty line.</summary>
    public required byte[] Raw { get; init; }
    /// <summary>Request method ("" for responses).</summary>
    public string Method { get; init; } = "";
    /// <summary>Request target ("" for responses).</summary>
    public string Target { get; init; } = "";
    /// <summary><c>1.0</c> or <c>1.1</c>.</summary>
    public required string Version { get; init; }
    /// <summary>Status code (0 for requests).</summary>
    public int Status { get; init; }
    private List<KeyValuePair<string, string>>? _headers;

    /// <summary>Header fields in wire order (made from <see cref="Raw"/> on first use).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers => _headers ??= HttpHeadParser.Fields(Raw);
    /// <summary>Content-Length, when present and valid.</summary>
    public long? ContentLength { get; init; }
    /// <summary>Transfer-Encoding ends in chunked.</summary>
    public bool Chunked { get; init; }
    /// <summary>A Transfer-Encoding header is present.</summary>
    public bool HasTransferEncoding { get; init; }
    /// <summary>The sender will close the connection after this message.</summary>
    public bool Close { get; init; }
    /// <summary>An <c>Expect: 100-continue</c> request.</summary>
    public bool ExpectContinue { get; init; }

    /// <summary>First value of header <paramref name="name"/>, or null.</summary>
    public string? Header(string name)
    {
        foreach (var header in Headers)
        {
            if (string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return header.Value;
            }
        }

        return null;
    }
}
