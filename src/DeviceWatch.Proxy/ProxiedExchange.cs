using DeviceWatch.Dissect.Http;

namespace DeviceWatch.Proxy;

/// <summary>
/// One HTTP request the proxy relayed and the response it got (for HAR output). Times are UTC wall-clock times of
/// the relay: the first request byte, the last request byte, the first and last response bytes.
/// </summary>
public sealed record ProxiedExchange
{
    /// <summary>Flow uid of the client connection (joins <c>conn.jsonl</c>; HAR <c>connection</c>).</summary>
    public required string Uid { get; init; }
    /// <summary>Device id (see <see cref="ProxyOptions.DeviceIdOf"/>), else the client IP.</summary>
    public required string Device { get; init; }
    /// <summary>Client IP address.</summary>
    public required string ClientIp { get; init; }
    /// <summary><c>https</c> inside intercepted TLS, else <c>http</c>.</summary>
    public required string Scheme { get; init; }
    /// <summary>Host name the device used (SNI, Host), else the destination address.</summary>
    public required string Destination { get; init; }
    /// <summary>Server port.</summary>
    public int DestinationPort { get; init; }
    /// <summary>IP address of the upstream server the request was sent to (null when no upstream was reached).</summary>
    public string? ServerIp { get; init; }
    /// <summary>See <see cref="DeviceWatch.Core.Analysis.Transports"/>.</summary>
    public required string Transport { get; init; }
    /// <summary>The request (headers in wire order; body de-chunked, decoded and capped).</summary>
    public required HttpRequestMessage Request { get; init; }
    /// <summary>The response; null when none came (upstream failure, connection closed).</summary>
    public HttpResponseMessage? Response { get; init; }
    /// <summary>First byte of the request seen by the proxy.</summary>
    public required DateTime RequestStarted { get; init; }
    /// <summary>First byte of the response (null without a response).</summary>
    public DateTime? ResponseStarted { get; init; }
}
