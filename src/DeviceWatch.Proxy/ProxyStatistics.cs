namespace DeviceWatch.Proxy;

/// <summary>Counters of one proxy instance (thread-safe, read at any time).</summary>
public sealed class ProxyStatistics
{
    internal long AcceptedCount;
    internal long RefusedCount;
    internal long ActiveCount;
    internal long InterceptedCount;
    internal long PassedThroughCount;
    internal long HandshakeFailureCount;
    internal long UpstreamFailureCount;
    internal long BadRequestCount;
    internal long RecordsDroppedCount;
    internal long ExchangeCount;
    internal long WebSocketMessageCount;
    internal long WebSocketControlFrameCount;
    internal long DissectorFailureCount;

    /// <summary>Client connections accepted (allowed address, under the limit).</summary>
    public long Accepted => Interlocked.Read(ref AcceptedCount);
    /// <summary>Client connections refused (address not allowed, or too many from one client).</summary>
    public long Refused => Interlocked.Read(ref RefusedCount);
    /// <summary>Client connections open now.</summary>
    public long Active => Interlocked.Read(ref ActiveCount);
    /// <summary>TLS connections the device completed with the proxy's certificate.</summary>
    public long Intercepted => Interlocked.Read(ref InterceptedCount);
    /// <summary>TLS connections passed through unread (host pinned by the device).</summary>
    public long PassedThrough => Interlocked.Read(ref PassedThroughCount);
    /// <summary>TLS handshakes the device aborted.</summary>
    public long HandshakeFailures => Interlocked.Read(ref HandshakeFailureCount);
    /// <summary>Upstream connections that failed (refused, timed out, untrusted certificate).</summary>
    public long UpstreamFailures => Interlocked.Read(ref UpstreamFailureCount);
    /// <summary>Malformed or oversized client requests answered with 400/431.</summary>
    public long BadRequests => Interlocked.Read(ref BadRequestCount);
    /// <summary>Records dropped because the recording queue was full.</summary>
    public long RecordsDropped => Interlocked.Read(ref RecordsDroppedCount);
    /// <summary>HTTP request/response exchanges relayed.</summary>
    public long Exchanges => Interlocked.Read(ref ExchangeCount);
    /// <summary>WebSocket text and binary messages recorded (both directions).</summary>
    public long WebSocketMessages => Interlocked.Read(ref WebSocketMessageCount);
    /// <summary>WebSocket control frames (close, ping, pong) seen (both directions).</summary>
    public long WebSocketControlFrames => Interlocked.Read(ref WebSocketControlFrameCount);
    /// <summary>
    /// Connections whose dissector threw (a DeviceWatch bug met on some input): their bytes are still relayed
    /// untouched, they are no longer dissected, and the first exception is logged.
    /// </summary>
    public long DissectorFailures => Interlocked.Read(ref DissectorFailureCount);
}
