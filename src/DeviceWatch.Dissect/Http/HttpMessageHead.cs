using DeviceWatch.Dissect.Common;

namespace DeviceWatch.Dissect.Http;

/// <summary>Start line and header fields of the message being read (request or response).</summary>
internal sealed class HttpMessageHead
{
    /// <summary>Request method ("" for responses).</summary>
    public string Method { get; init; } = "";
    /// <summary>Request target ("" for responses).</summary>
    public string Target { get; init; } = "";
    /// <summary><c>1.0</c> or <c>1.1</c>.</summary>
    public required string Version { get; init; }
    /// <summary>Status code (0 for requests).</summary>
    public int Status { get; init; }
    /// <summary>Reason phrase ("" for requests).</summary>
    public string Reason { get; init; } = "";
    /// <summary>Header fields in wire order.</summary>
    public List<HttpHeader> Headers { get; } = [];
    /// <summary>Trailer fields after a chunked body (null when none).</summary>
    public List<HttpHeader>? Trailers { get; set; }

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

    /// <summary>True when some header <paramref name="name"/> exists.</summary>
    public bool HasHeader(string name) => Header(name) is not null;
}
