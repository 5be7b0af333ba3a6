using DeviceWatch.Proxy.Certificates;
using DeviceWatch.Proxy.Recording;
using DeviceWatch.Proxy.Relay;

namespace DeviceWatch.Proxy.Listening;

/// <summary>What every client session of one proxy shares.</summary>
internal sealed record ProxyContext(
    ProxyOptions Options,
    LeafCertificateCache Leaves,
    UpstreamConnector Connector,
    ProxyRecorder Recorder,
    ProxyStatistics Statistics,
    PinningTracker Pinning,
    IdleSweeper Idle);
