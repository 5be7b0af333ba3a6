using DeviceWatch.Core.Records;

namespace DeviceWatch.EndToEnd.Tests.Infrastructure;

/// <summary>Keeps every record in memory for assertions.</summary>
internal sealed class RecordingSink : IRecordSink
{
    public List<ConnRecord> Conn { get; } = [];
    public List<DnsRecord> Dns { get; } = [];
    public List<DhcpRecord> Dhcp { get; } = [];
    public List<TlsRecord> Tls { get; } = [];
    public List<HttpRecord> Http { get; } = [];
    public List<MqttRecord> Mqtt { get; } = [];

    public void OnConn(ConnRecord record) => Conn.Add(record);
    public void OnDns(DnsRecord record) => Dns.Add(record);
    public void OnDhcp(DhcpRecord record) => Dhcp.Add(record);
    public void OnTls(TlsRecord record) => Tls.Add(record);
    public void OnHttp(HttpRecord record) => Http.Add(record);
    public void OnMqtt(MqttRecord record) => Mqtt.Add(record);
}
