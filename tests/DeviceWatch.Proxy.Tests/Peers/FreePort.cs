using System.Net;
using System.Net.Sockets;

namespace DeviceWatch.Proxy.Tests.Peers;

/// <summary>A TCP port free on 127.0.0.1 right now.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
