namespace DeviceWatch.Dissect.Http;

/// <summary>Where a <see cref="HttpDirectionReader"/> is in the byte stream of one direction.</summary>
internal enum HttpReaderState
{
    /// <summary>Expecting a request line or status line (empty lines before it are tolerated).</summary>
    StartLine,
    /// <summary>Reading header lines until the empty line.</summary>
    Headers,
    /// <summary>Reading a Content-Length body.</summary>
    ContentLengthBody,
    /// <summary>Expecting a chunk-size line.</summary>
    ChunkSize,
    /// <summary>Reading chunk data.</summary>
    ChunkData,
    /// <summary>Expecting the CRLF after chunk data.</summary>
    ChunkDataEnd,
    /// <summary>Reading trailer fields after the last chunk.</summary>
    Trailers,
    /// <summary>Reading a response body delimited by the connection close.</summary>
    UntilClose,
    /// <summary>Request side after an Upgrade/CONNECT request: bytes are held until the response decides.</summary>
    Paused,
    /// <summary>The protocol switched (101 or CONNECT 2xx): bytes are no longer HTTP.</summary>
    Tunnel,
    /// <summary>Given up after malformed input or a gap.</summary>
    Failed,
    /// <summary>The stream ended.</summary>
    Ended,
}
