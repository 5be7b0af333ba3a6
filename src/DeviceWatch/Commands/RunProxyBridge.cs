using DeviceWatch.Core.Analysis;
using DeviceWatch.Core.Records;

namespace DeviceWatch.Cli.Commands;

/// <summary>
/// Hands the proxy's records and payloads to the session's pipeline thread, so capture and proxy share one recorder
/// and one analysis without locks. Posting waits while the queue is full (back-pressure on the proxy's recording
/// thread; proxy records are never dropped). <see cref="Complete"/> does nothing: the capture engine completes the stage.
/// </summary>
internal sealed class RunProxyBridge(Action<Action> post, IRecordSink records, IAnalysisStage analysis) : IRecordSink, IAnalysisStage
{
    public void OnConn(ConnRecord record) => post(() => records.OnConn(record));

    public void OnDns(DnsRecord record) => post(() => records.OnDns(record));

    public void OnDhcp(DhcpRecord record) => post(() => records.OnDhcp(record));

    public void OnTls(TlsRecord record) => post(() => records.OnTls(record));

    public void OnHttp(HttpRecord record) => post(() => records.OnHttp(record));

    public void OnMqtt(MqttRecord record) => post(() => records.OnMqtt(record));

    public void OnPayload(Payload payload) => post(() => analysis.OnPayload(payload));

    public void OnFlowEnded(ConnRecord flow) => post(() => analysis.OnFlowEnded(flow));

    public void Complete()
    {
    }
}
