namespace DeviceWatch.Proxy.Listening;

/// <summary>What a connection's first bytes look like.</summary>
internal enum SniffedProtocol
{
    /// <summary>Too few bytes to tell.</summary>
    NeedMore,
    /// <summary>A TLS ClientHello record.</summary>
    Tls,
    /// <summary>An HTTP/1.x request.</summary>
    Http,
    /// <summary>An MQTT CONNECT.</summary>
    Mqtt,
    /// <summary>Anything else.</summary>
    Unknown,
}
