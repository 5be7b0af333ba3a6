using System.Net;
using System.Net.Security;

namespace DeviceWatch.Proxy.Relay;

/// <summary>TLS to an upstream server that remembers the server's IP address (for HAR <c>serverIPAddress</c>).</summary>
internal sealed class UpstreamTlsStream(Stream inner, IPEndPoint? remote) : SslStream(inner, leaveInnerStreamOpen: false)
{
    public string? RemoteIp { get; } = remote is null ? null : UpstreamLink.Plain(remote.Address);
}
