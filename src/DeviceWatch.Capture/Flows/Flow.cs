using System.Text;
using DeviceWatch.Capture.Decoding;
using DeviceWatch.Dissect.Common;

namespace DeviceWatch.Capture.Flows;

/// <summary>One bidirectional flow: endpoints, counters, TCP state and history, and its stream dissection state.</summary>
internal sealed class Flow
{
    private readonly StringBuilder _history = new(8);
    private int _historySeen;

    public Flow(FlowKey key, string uid, in DecodedPacket first, DateTime timestamp, bool flipOrientation)
    {
        Key = key;
        Uid = uid;
        FirstSeen = timestamp;
        LastSeen = timestamp;
        if (!flipOrientation)
        {
            OrigAddress = first.Source;
            OrigPort = first.SourcePort;
            RespAddress = first.Destination;
            RespPort = first.DestinationPort;
            OrigMac = first.SourceMac;
            RespMac = first.DestinationMac;
        }
        else
        {
            OrigAddress = first.Destination;
            OrigPort = first.DestinationPort;
            RespAddress = first.Source;
            RespPort = first.SourcePort;
            OrigMac = first.DestinationMac;
            RespMac = first.SourceMac;
        }

        HasMac = first.HasMac;
    }

    public FlowKey Key { get; }
    public string Uid { get; }
    public DateTime FirstSeen { get; }
    public DateTime LastSeen { get; set; }
    public IpAddressBytes OrigAddress { get; }
    public ushort OrigPort { get; }
    public IpAddressBytes RespAddress { get; }
    public ushort RespPort { get; }
    public MacAddress OrigMac { get; set; }
    public MacAddress RespMac { get; set; }
    public bool HasMac { get; }
    public byte Protocol => Key.Protocol;

    public long OrigPackets { get; set; }
    public long RespPackets { get; set; }
    public long OrigDatagramBytes { get; set; }
    public long RespDatagramBytes { get; set; }

    public TcpDirectionState? OrigTcp { get; set; }
    public TcpDirectionState? RespTcp { get; set; }
    public bool SawSynAck { get; set; }

    /// <summary>The local device's MAC (null when neither side is a local device).</summary>
    public string? DeviceMac { get; set; }
    /// <summary>True when the device is the originator.</summary>
    public bool DeviceIsOriginator { get; set; } = true;
    public string? ServerName { get; set; }
    public string? Service { get; set; }
    /// <summary>True when content was recognised but cannot be read (TLS without interception).</summary>
    public bool Encrypted { get; set; }

    public IStreamDissector? Dissector { get; set; }
    /// <summary>The QUIC Initial dissector of a UDP flow recognised as QUIC.</summary>
    public DeviceWatch.Dissect.Quic.QuicInitialDissector? Quic { get; set; }
    /// <summary>UDP datagrams looked at to recognise the protocol.</summary>
    public int DatagramsProbed { get; set; }
    public DeviceWatch.Capture.Pipeline.FlowStreamOutput? OrigOutput { get; set; }
    public DeviceWatch.Capture.Pipeline.FlowStreamOutput? RespOutput { get; set; }
    /// <summary>Bytes held while the protocol is not yet known.</summary>
    public byte[]? DetectionBuffer { get; set; }
    public int DetectionLength { get; set; }
    /// <summary>Responder bytes that arrived before the protocol was decided.</summary>
    public byte[]? PendingResponderBytes { get; set; }
    public int PendingResponderLength { get; set; }
    public bool DetectionDone { get; set; }
    /// <summary>Stop feeding stream bytes (dissector done, or protocol unknown).</summary>
    public bool StreamIgnored { get; set; }

    /// <summary>State kept by the record emitter (pending HTTP requests, TLS hello waiting for its server hello).</summary>
    public object? EmitterState { get; set; }

    // Intrusive LRU links of the flow table.
    public Flow? Previous { get; set; }
    public Flow? Next { get; set; }
    public FlowTimeoutClass TimeoutClass { get; set; }
    public bool Closed { get; set; }

    public string History => _history.ToString();

    /// <summary>Adds a history letter once (upper case for the originator, lower for the responder).</summary>
    public void AddHistory(char letter, bool fromOriginator)
    {
        var c = fromOriginator ? char.ToUpperInvariant(letter) : char.ToLowerInvariant(letter);
        var bit = HistoryBit(letter) + (fromOriginator ? 0 : 8);
        if ((_historySeen & (1 << bit)) != 0)
        {
            return;
        }

        _historySeen |= 1 << bit;
        _history.Append(c);
    }

    private static int HistoryBit(char letter) => char.ToUpperInvariant(letter) switch
    {
        'S' => 0,
        'H' => 1,
        'A' => 2,
        'D' => 3,
        'F' => 4,
        'R' => 5,
        'T' => 6,
        _ => 7,
    };

    /// <summary>Zeek's conn_state for this flow.</summary>
    public string ConnState()
    {
        if (Protocol != 6)
        {
            return RespPackets > 0 ? "SF" : "S0";
        }

        var o = OrigTcp!;
        var r = RespTcp!;
        var established = o.SawSyn && SawSynAck;
        if (o.SawSyn && !SawSynAck)
        {
            if (r.SawRst)
            {
                return "REJ";
            }

            if (o.SawRst)
            {
                return "RSTOS0";
            }

            return o.SawFin ? "SH" : "S0";
        }

        if (!o.SawSyn && SawSynAck)
        {
            if (r.SawRst)
            {
                return "RSTRH";
            }

            return r.SawFin ? "SHR" : "OTH";
        }

        if (!established)
        {
            return "OTH";
        }

        if (o.SawRst)
        {
            return "RSTO";
        }

        if (r.SawRst)
        {
            return "RSTR";
        }

        return (o.SawFin, r.SawFin) switch
        {
            (true, true) => "SF",
            (true, false) => "S2",
            (false, true) => "S3",
            _ => "S1",
        };
    }
}
