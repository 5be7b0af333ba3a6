using DeviceWatch.Dissect.Common;

namespace DeviceWatch.Dissect.Http;

/// <summary>A complete HTTP/1.x request (head and body).</summary>
public sealed record HttpRequestMessage : DissectedFact
{
    /// <summary>Method token.</summary>
    public required string Method { get; init; }
    /// <summary>Request target as sent (origin-form, absolute-form, authority-form or *).</summary>
    public required string Target { get; init; }
    /// <summary><c>1.0</c> or <c>1.1</c>.</summary>
    public required string Version { get; init; }
    /// <summary>Header fields in wire order.</summary>
    public IReadOnlyList<HttpHeader> Headers { get; init; } = [];
    /// <summary>Host header, or the authority of an absolute-form target.</summary>
    public string? Host { get; init; }
    /// <summary>Body length on the wire after de-chunking, before content decoding.</summary>
    public long BodyLength { get; init; }
    /// <summary>Body after de-chunking and content decoding (gzip/deflate/br), capped by the limits.</summary>
    public ReadOnlyMemory<byte> Body { get; init; }
    /// <summary>True when <see cref="Body"/> is shorter than the decoded body.</summary>
    public bool BodyTruncated { get; init; }
    /// <summary>Content-Encoding that was decoded (null when none or when decoding failed).</summary>
    public string? DecodedContentEncoding { get; init; }
    /// <summary>Zero-based index of the request in its connection.</summary>
    public int Sequence { get; init; }
    /// <summary>Trailer fields sent after a chunked body, in wire order (empty when none).</summary>
    public IReadOnlyList<HttpHeader> Trailers { get; init; } = [];

    /// <summary>First value of header <paramref name="name"/> (case-insensitive), or null.</summary>
    public string? Header(string name)
    {
        foreach (var header in Headers)
        {
            if (string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return header.Value;
            }
        }

        return null;
    }
}
