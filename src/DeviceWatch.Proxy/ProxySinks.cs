using DeviceWatch.Core.Analysis;
using DeviceWatch.Core.Records;

namespace DeviceWatch.Proxy;

/// <summary>
/// Where the proxy delivers what it records. Every callback runs on one recording thread, one at a time, so
/// sinks need not be thread-safe.
/// </summary>
public sealed record ProxySinks
{
    /// <summary>Protocol logs (conn, tls, http, mqtt).</summary>
    public IRecordSink? Records { get; init; }

    /// <summary>Payloads (requests, MQTT publishes) and ended flows, for the personal-information analysis.</summary>
    public IAnalysisStage? Analysis { get; init; }

    /// <summary>TLS interception outcomes (completed, or refused by the device: pinning).</summary>
    public Action<TlsInterceptionRecord>? Interceptions { get; init; }

    /// <summary>Every relayed HTTP request with its response and timings (e.g. for <see cref="Har.HarWriter"/>); unmasked.</summary>
    public Action<ProxiedExchange>? Exchanges { get; init; }

    /// <summary>Operational messages (refused clients, upstream failures); one line each.</summary>
    public Action<string>? Log { get; init; }
}
