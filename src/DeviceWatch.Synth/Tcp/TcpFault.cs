namespace DeviceWatch.Synth.Tcp;

/// <summary>An impairment injected into the first flight of one send.</summary>
public enum TcpFault
{
    /// <summary>Segments go out in order, once.</summary>
    None,

    /// <summary>The first segment of the flight is sent again after the flight (a timeout retransmission).</summary>
    Retransmission,

    /// <summary>The first two segments of the flight are swapped (needs at least two segments).</summary>
    OutOfOrder,
}
