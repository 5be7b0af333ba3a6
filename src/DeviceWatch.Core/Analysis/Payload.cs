namespace DeviceWatch.Core.Analysis;

/// <summary>
/// One application message handed to the analysis stage, independent of where the bytes came from
/// (a capture file, a live interface or the proxy).
/// </summary>
public sealed record Payload
{
    /// <summary>Time the message was complete on the wire.</summary>
    public required DateTime Timestamp { get; init; }
    /// <summary>Flow identifier; joins the payload to <c>conn.jsonl</c> and the protocol logs.</summary>
    public required string FlowUid { get; init; }
    /// <summary>Device MAC (lower case, colons) or the device's IP when the MAC is unknown (proxy).</summary>
    public required string DeviceKey { get; init; }
    /// <summary>Device IP address.</summary>
    public string? DeviceIp { get; init; }
    /// <summary>The host name the device used (DNS, SNI, Host), else the server IP.</summary>
    public required string Destination { get; init; }
    /// <summary>Server port.</summary>
    public int DestinationPort { get; init; }
    /// <summary>Message kind.</summary>
    public required PayloadKind Kind { get; init; }
    /// <summary>See <see cref="Transports"/>.</summary>
    public string Transport { get; init; } = Transports.Cleartext;
    /// <summary>True when the device sent the message (upload), false when it received it.</summary>
    public bool FromDevice { get; init; } = true;
    /// <summary>HTTP method.</summary>
    public string? Method { get; init; }
    /// <summary>HTTP request target (path and query) as sent.</summary>
    public string? Url { get; init; }
    /// <summary>HTTP headers or MQTT 5 user properties, in wire order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];
    /// <summary>Content type (HTTP Content-Type, or MQTT 5 content type).</summary>
    public string? ContentType { get; init; }
    /// <summary>MQTT topic.</summary>
    public string? Topic { get; init; }
    /// <summary>Body bytes, already de-chunked and content-decoded (gzip/deflate/br); possibly truncated.</summary>
    public ReadOnlyMemory<byte> Body { get; init; }
    /// <summary>Full body length on the wire, even when <see cref="Body"/> was truncated.</summary>
    public long BodyLength { get; init; }
    /// <summary>True when <see cref="Body"/> holds only the first part of the body.</summary>
    public bool BodyTruncated { get; init; }
}
