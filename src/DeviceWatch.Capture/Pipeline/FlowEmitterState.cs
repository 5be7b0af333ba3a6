using DeviceWatch.Dissect.Http;
using DeviceWatch.Dissect.Tls;

namespace DeviceWatch.Capture.Pipeline;

/// <summary>Per-flow state of the <see cref="FactRouter"/>: requests awaiting responses, a hello awaiting its answer.</summary>
internal sealed class FlowEmitterState
{
    public const int MaxPendingRequests = 64;

    public List<HttpRequestMessage> PendingRequests { get; } = [];
    public TlsClientHello? PendingClientHello { get; set; }
    public int MqttProtocolLevel { get; set; }
}
