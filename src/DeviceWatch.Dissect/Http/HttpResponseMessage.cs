using DeviceWatch.Dissect.Common;

namespace DeviceWatch.Dissect.Http;

/// <summary>A complete HTTP/1.x response, paired with the request it answers.</summary>
public sealed record HttpResponseMessage : DissectedFact
{
    /// <summary>Status code.</summary>
    public required int Status { get; init; }
    /// <summary>Reason phrase.</summary>
    public string Reason { get; init; } = "";
    /// <summary><c>1.0</c> or <c>1.1</c>.</summary>
    public required string Version { get; init; }
    /// <summary>Header fields in wire order.</summary>
    public IReadOnlyList<HttpHeader> Headers { get; init; } = [];
    /// <summary>Body length on the wire after de-chunking.</summary>
    public long BodyLength { get; init; }
    /// <summary>Decoded body, capped.</summary>
    public ReadOnlyMemory<byte> Body { get; init; }
    /// <summary>True when <see cref="Body"/> is shorter than the decoded body.</summary>
    public bool BodyTruncated { get; init; }
    /// <summary>The request this answers (FIFO pairing; null when the request was not seen).</summary>
    public HttpRequestMessage? Request { get; init; }
    /// <summary>Trailer fields sent after a chunked body, in wire order (empty when none).</summary>
    public IReadOnlyList<HttpHeader> Trailers { get; init; } = [];
    /// <summary>Content-Encoding that was decoded (null when none or when decoding failed).</summary>
    public string? DecodedContentEncoding { get; init; }

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
