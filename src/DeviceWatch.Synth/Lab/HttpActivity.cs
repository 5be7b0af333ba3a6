namespace DeviceWatch.Synth.Lab;

/// <summary>Plain HTTP/1.1: one TCP connection per tick carrying one request and its response.</summary>
public sealed record HttpActivity : LabActivity
{
    /// <inheritdoc />
    public override ushort Port { get; init; } = 80;

    /// <summary>Request method.</summary>
    public string Method { get; init; } = "POST";

    /// <summary>Request target template (path and query).</summary>
    public string PathTemplate { get; init; } = "/";

    /// <summary>Body template, or null for no body.</summary>
    public string? BodyTemplate { get; init; }

    /// <summary>Content-Type of the body.</summary>
    public string ContentType { get; init; } = "application/json";

    /// <summary>Gzip the request body.</summary>
    public bool Gzip { get; init; }

    /// <summary>Send the request body chunked.</summary>
    public bool Chunked { get; init; }

    /// <summary>User-Agent header.</summary>
    public string UserAgent { get; init; } = "okhttp/4.9.3";

    /// <summary>Response status code.</summary>
    public int ResponseStatus { get; init; } = 200;

    /// <summary>Response body template.</summary>
    public string ResponseBodyTemplate { get; init; } = "{\"ok\":true}";
}
