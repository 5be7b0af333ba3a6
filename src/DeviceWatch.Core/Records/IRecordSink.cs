namespace DeviceWatch.Core.Records;

/// <summary>Receives the protocol log records of a session (capture replay, live capture or proxy).</summary>
public interface IRecordSink
{
    /// <summary>A flow ended.</summary>
    void OnConn(ConnRecord record);

    /// <summary>A DNS message.</summary>
    void OnDns(DnsRecord record);

    /// <summary>A DHCP message.</summary>
    void OnDhcp(DhcpRecord record);

    /// <summary>A TLS handshake.</summary>
    void OnTls(TlsRecord record);

    /// <summary>An HTTP request/response pair.</summary>
    void OnHttp(HttpRecord record);

    /// <summary>An MQTT control packet.</summary>
    void OnMqtt(MqttRecord record);
}
