namespace DeviceWatch.Capture.Flows;

/// <summary>Which idle timeout applies to a flow; each class has its own LRU list in the <see cref="FlowTable"/>.</summary>
internal enum FlowTimeoutClass
{
    /// <summary>TCP connection not yet closed.</summary>
    TcpOpen,
    /// <summary>TCP connection closed by FIN/RST: kept briefly for the last ACKs.</summary>
    TcpClosed,
    /// <summary>UDP, ICMP and other protocols.</summary>
    Datagram,
}
