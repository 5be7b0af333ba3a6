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

    /// <summary>
    /// The first exception a dissector threw (protocol, type, message and where), or null: a DeviceWatch bug that
    /// stopped the dissection of one flow (counted as <c>protocol/dissector-error</c>) instead of the run.
    /// </summary>
    public string? FirstDissectorFailure { get; private set; }

    /// <summary>Flows (or datagrams) whose dissector threw, over every protocol; see <see cref="FirstDissectorFailure"/>.</summary>
    public long DissectorFailures => _anomalies.Where(a => a.Key.EndsWith("/" + DissectorErrorKind, StringComparison.Ordinal)).Sum(a => a.Value);

    // The anomaly kind of a dissector's exception.
    private const string DissectorErrorKind = "dissector-error";

    /// <summary>Counts one anomaly.</summary>
    public void CountAnomaly(string protocol, string kind) => AddAnomalies(protocol, kind, 1);

    /// <summary>Adds <paramref name="count"/> anomalies of one kind at once (nothing when zero).</summary>
    internal void AddAnomalies(string protocol, string kind, long count)
    {
        if (count > 0)
        {
            _anomalies.AddOrUpdate(protocol + "/" + kind, static (_, n) => n, static (_, v, n) => v + n, count);
        }
    }

    /// <summary>Counts a dissector's exception as the anomaly <c>protocol/dissector-error</c> and keeps the first.</summary>
    internal void CountDissectorFailure(string protocol, Exception exception)
    {
        CountAnomaly(protocol, DissectorErrorKind);
        if (FirstDissectorFailure is null)
        {
            var frame = exception.StackTrace?.Split('\n', 2)[0].Trim();
            FirstDissectorFailure = $"{protocol}: {exception.GetType().FullName}: {exception.Message}" + (frame is null ? "" : $" ({frame})");
        }
    }
}
