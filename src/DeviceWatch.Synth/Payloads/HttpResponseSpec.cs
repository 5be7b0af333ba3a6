namespace DeviceWatch.Synth.Payloads;

/// <summary>An HTTP/1.1 response to build with <see cref="HttpMessageBuilder.Response"/>.</summary>
public sealed record HttpResponseSpec
{
    /// <summary>Status code.</summary>
    public int StatusCode { get; init; } = 200;

    /// <summary>Reason phrase, or null for the standard one.</summary>
    public string? ReasonPhrase { get; init; }

    /// <summary>Content-Type of the body.</summary>
    public string? ContentType { get; init; } = "application/json";

    /// <summary>Body bytes (before compression), or null for an empty body.</summary>
    public byte[]? Body { get; init; }

    /// <summary>Gzip the body and send <c>Content-Encoding: gzip</c>.</summary>
    public bool Gzip { get; init; }

    /// <summary>Send the body chunked.</summary>
    public bool Chunked { get; init; }

    /// <summary>Chunk size when <see cref="Chunked"/>.</summary>
    public int ChunkSize { get; init; } = 512;

    /// <summary>Server header, or null to leave it out.</summary>
    public string? Server { get; init; } = "nginx";

    /// <summary>Further headers, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];
}
