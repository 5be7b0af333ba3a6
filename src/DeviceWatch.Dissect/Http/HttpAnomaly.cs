namespace DeviceWatch.Dissect.Http;

/// <summary>Stable anomaly kinds the HTTP dissector counts (protocol <c>http</c>).</summary>
internal static class HttpAnomaly
{
    /// <summary>Request line is not <c>method SP target SP HTTP/1.x</c>; the originator direction is given up.</summary>
    public const string BadRequestLine = "bad-request-line";
    /// <summary>Status line is not <c>HTTP/1.x SP 3DIGIT [SP reason]</c>; the responder direction is given up.</summary>
    public const string BadStatusLine = "bad-status-line";
    /// <summary>A header line without a valid field name and colon; the line is skipped.</summary>
    public const string BadHeader = "bad-header";
    /// <summary>Start line plus header block (or a trailer block) exceeds <c>MaxHeaderBytes</c>.</summary>
    public const string HeaderTooLarge = "header-too-large";
    /// <summary>More than <c>MaxHeaderCount</c> header (or trailer) fields.</summary>
    public const string TooManyHeaders = "too-many-headers";
    /// <summary>Content-Length values disagree (RFC 9112 §6.3 item 5: unrecoverable).</summary>
    public const string ConflictingContentLength = "conflicting-content-length";
    /// <summary>Content-Length is not a decimal number.</summary>
    public const string BadContentLength = "bad-content-length";
    /// <summary>A request whose Transfer-Encoding does not end in chunked (RFC 9112 §6.3 item 4).</summary>
    public const string BadTransferEncoding = "bad-transfer-encoding";
    /// <summary>Chunk size line or chunk terminator is malformed.</summary>
    public const string BadChunk = "bad-chunk";
    /// <summary>Bytes were lost outside a body whose extent is known; the direction is given up.</summary>
    public const string Gap = "gap";
    /// <summary>The stream ended inside a message.</summary>
    public const string Truncated = "truncated";
    /// <summary>A gzip/deflate/br body could not be decoded; the raw bytes are kept.</summary>
    public const string ContentDecoding = "content-decoding";
    /// <summary>The originator kept sending while an Upgrade/CONNECT request was unanswered.</summary>
    public const string UnansweredUpgrade = "unanswered-upgrade";
    /// <summary>Too many requests awaited responses; pairing stops for the connection.</summary>
    public const string UnansweredOverflow = "unanswered-overflow";
}
