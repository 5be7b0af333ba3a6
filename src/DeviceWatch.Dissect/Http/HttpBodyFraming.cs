namespace DeviceWatch.Dissect.Http;

/// <summary>How the end of a message body is found (RFC 9112 §6.3).</summary>
internal enum HttpBodyFraming
{
    /// <summary>No body: the message ends with its header block.</summary>
    None,
    /// <summary>Exactly Content-Length bytes.</summary>
    ContentLength,
    /// <summary>Chunked transfer coding.</summary>
    Chunked,
    /// <summary>Everything until the connection closes (responses only).</summary>
    UntilClose,
    /// <summary>A 1xx interim response: skipped, the final response follows.</summary>
    Interim,
    /// <summary>101 Switching Protocols or a 2xx answer to CONNECT: HTTP ends here.</summary>
    Tunnel,
    /// <summary>Framing cannot be determined; <see cref="HttpFramingResult.Anomaly"/> says why.</summary>
    Invalid,
}
