using System.Net;
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

    public void OnPayload(Payload payload) => post(() => analysis.OnPayload(NamedByHost(payload)));

    public void OnFlowEnded(ConnRecord flow) => post(() => analysis.OnFlowEnded(flow));

    public void Complete()
    {
    }

    /// <summary>
    /// The destination of a cleartext request the proxy received by NAT redirect is the original IP address; the
    /// contract names it by the HTTP Host when no DNS answer or SNI named it (as the capture does), so the same
    /// exchange gets the same destination whether it was captured or proxied.
    /// </summary>
    internal static Payload NamedByHost(Payload payload)
    {
        if (payload.Kind != PayloadKind.HttpRequest || !IPAddress.TryParse(payload.Destination, out _))
        {
            return payload;
        }

        foreach (var (name, value) in payload.Headers)
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                var host = HostWithoutPort(value.Trim());
                return host.Length == 0 || IPAddress.TryParse(host, out _) ? payload : payload with { Destination = host };
            }
        }

        return payload;
    }

    private static string HostWithoutPort(string host)
    {
        if (host.StartsWith('['))
        {
            return host;
        }

        var colon = host.LastIndexOf(':');
        return colon > 0 && host.IndexOf(':', StringComparison.Ordinal) == colon ? host[..colon] : host;
    }
}
