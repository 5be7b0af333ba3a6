namespace DeviceWatch.Synth.Frames;

/// <summary>TCP header flags.</summary>
[Flags]
public enum TcpFlags : byte
{
    /// <summary>No flags.</summary>
    None = 0,

    /// <summary>FIN: no more data from sender.</summary>
    Fin = 0x01,

    /// <summary>SYN: synchronize sequence numbers.</summary>
    Syn = 0x02,

    /// <summary>RST: reset the connection.</summary>
    Rst = 0x04,

    /// <summary>PSH: push function.</summary>
    Psh = 0x08,

    /// <summary>ACK: the acknowledgment field is significant.</summary>
    Ack = 0x10,

    /// <summary>URG: the urgent pointer is significant.</summary>
    Urg = 0x20,
}
