using System.Net;

namespace DeviceWatch.Synth.Frames;

/// <summary>
/// One end of a frame as seen on the local link: the MAC the frame is addressed from/to (for a remote host that
/// is the gateway's MAC), the IP address, and the transport port.
/// </summary>
/// <param name="Mac">Link-layer address on the captured segment.</param>
/// <param name="Address">IPv4 or IPv6 address.</param>
/// <param name="Port">UDP or TCP port.</param>
public readonly record struct NetworkEndpoint(MacAddress Mac, IPAddress Address, ushort Port)
{
    /// <summary>The same host on another port.</summary>
    public NetworkEndpoint WithPort(ushort port) => this with { Port = port };
}
