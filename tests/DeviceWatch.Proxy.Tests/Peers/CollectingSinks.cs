using System.Collections.Concurrent;
using DeviceWatch.Core.Analysis;
using DeviceWatch.Core.Records;

namespace DeviceWatch.Proxy.Tests.Peers;

/// <summary>Collects everything a proxy records (read after <see cref="ProxyServer.StopAsync"/>).</summary>
internal sealed class CollectingSinks : IRecordSink, IAnalysisStage
{
    public ConcurrentQueue<ConnRecord> Conns { get; } = new();
    public ConcurrentQueue<TlsRecord> Tls { get; } = new();
    public ConcurrentQueue<HttpRecord> Http { get; } = new();
    public ConcurrentQueue<MqttRecord> Mqtt { get; } = new();
    public ConcurrentQueue<Payload> Payloads { get; } = new();
    public ConcurrentQueue<ConnRecord> EndedFlows { get; } = new();
    public ConcurrentQueue<TlsInterceptionRecord> Interceptions { get; } = new();
    public ConcurrentQueue<string> Log { get; } = new();

    public ProxySinks ToSinks() => new() { Records = this, Analysis = this, Interceptions = Interceptions.Enqueue, Log = Log.Enqueue };

    public void OnConn(ConnRecord record) => Conns.Enqueue(record);
    public void OnDns(DnsRecord record) { }
    public void OnDhcp(DhcpRecord record) { }
    public void OnTls(TlsRecord record) => Tls.Enqueue(record);
    public void OnHttp(HttpRecord record) => Http.Enqueue(record);
    public void OnMqtt(MqttRecord record) => Mqtt.Enqueue(record);
    public void OnPayload(Payload payload) => Payloads.Enqueue(payload);
    public void OnFlowEnded(ConnRecord flow) => EndedFlows.Enqueue(flow);
    public void Complete() { }
}
