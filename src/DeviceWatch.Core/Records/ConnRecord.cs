namespace DeviceWatch.Core.Records;

/// <summary>One flow, written to <c>conn.jsonl</c> when it ends or at end of input (contract fields first).</summary>
public sealed record ConnRecord
{
    /// <summary>Flow identifier shared by every record of this flow.</summary>
    public required string Uid { get; init; }
    /// <summary>Time of the first packet.</summary>
    public required DateTime Ts { get; init; }
    /// <summary><c>tcp</c>, <c>udp</c> or <c>icmp</c>.</summary>
    public required string Proto { get; init; }
    /// <summary>Originator (the side that sent the first packet, or the SYN) address.</summary>
    public required string OrigH { get; init; }
    /// <summary>Originator port.</summary>
    public required int OrigP { get; init; }
    /// <summary>Responder address.</summary>
    public required string RespH { get; init; }
    /// <summary>Responder port.</summary>
    public required int RespP { get; init; }
    /// <summary>Device id (profile id, else the local MAC), or null when no local device is known.</summary>
    public string? Device { get; init; }
    /// <summary>Protocol recognised by content: <c>http</c>, <c>tls</c>, <c>dns</c>, <c>mqtt</c>, <c>dhcp</c>…</summary>
    public string? Service { get; init; }
    /// <summary>Seconds between first and last packet.</summary>
    public double Duration { get; init; }
    /// <summary>TCP/UDP payload bytes sent by the originator.</summary>
    public long OrigBytes { get; init; }
    /// <summary>TCP/UDP payload bytes sent by the responder.</summary>
    public long RespBytes { get; init; }
    /// <summary>Packets sent by the originator.</summary>
    public long OrigPkts { get; init; }
    /// <summary>Packets sent by the responder.</summary>
    public long RespPkts { get; init; }
    /// <summary>Zeek-style connection state (S0, S1, SF, REJ, RSTO, RSTR, OTH…).</summary>
    public required string State { get; init; }
    /// <summary>Stream bytes skipped because of capture loss (gaps in sequence space).</summary>
    public long MissedBytes { get; init; }
    /// <summary>The host name the device used for this flow (DNS answer, else SNI, else HTTP Host).</summary>
    public string? ServerName { get; init; }
    /// <summary>Zeek-like history letters (S h A D a d F f R r, upper case from the originator).</summary>
    public string History { get; init; } = "";
    /// <summary>The local device's MAC address, when one side is a local device.</summary>
    public string? DeviceMac { get; init; }
    /// <summary>True when the flow's payload could not be read (TLS not intercepted, unknown binary protocol).</summary>
    public bool Encrypted { get; init; }
    /// <summary>Where the record came from: <c>capture</c> or <c>proxy</c>.</summary>
    public string Source { get; init; } = "capture";
}
