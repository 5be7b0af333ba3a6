using System.Collections.Concurrent;

namespace DeviceWatch.Capture.Pipeline;

/// <summary>Counters of a capture session: packets, flows and every anomaly by kind (never a silent drop).</summary>
public sealed class CaptureStatistics
{
    private readonly ConcurrentDictionary<string, long> _anomalies = new(StringComparer.Ordinal);

    /// <summary>Frames read.</summary>
    public long Packets { get; internal set; }
    /// <summary>Frame bytes read (captured length).</summary>
    public long Bytes { get; internal set; }
    /// <summary>Frames that were not IP (ARP, EAPOL, LLDP…).</summary>
    public long NonIpPackets { get; internal set; }
    /// <summary>Flows ended (written to conn.jsonl).</summary>
    public long Flows { get; internal set; }
    /// <summary>Flows evicted because the flow table was full.</summary>
    public long FlowsEvicted { get; internal set; }
    /// <summary>IP datagrams rebuilt from fragments.</summary>
    public long Reassembled { get; internal set; }
    /// <summary>Flows per service name.</summary>
    public Dictionary<string, long> FlowsByService { get; } = new(StringComparer.Ordinal);
    /// <summary>First packet time.</summary>
    public DateTime? FirstPacket { get; internal set; }
    /// <summary>Last packet time.</summary>
    public DateTime? LastPacket { get; internal set; }

    /// <summary>Anomalies by <c>protocol/kind</c>.</summary>
    public IReadOnlyDictionary<string, long> Anomalies => _anomalies;

    /// <summary>Counts one anomaly.</summary>
    public void CountAnomaly(string protocol, string kind) =>
        _anomalies.AddOrUpdate(protocol + "/" + kind, 1, static (_, v) => v + 1);
}
