namespace DeviceWatch.Synth.Tcp;

/// <summary>Which side of a TCP session sends.</summary>
public enum TcpDirection
{
    /// <summary>The client (the side that sent the SYN).</summary>
    ClientToServer,

    /// <summary>The server.</summary>
    ServerToClient,
}
