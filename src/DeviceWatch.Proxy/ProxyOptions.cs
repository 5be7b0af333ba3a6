using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace DeviceWatch.Proxy;

/// <summary>Settings of one proxy instance (immutable; validated by <see cref="ProxyServer"/> on start).</summary>
public sealed record ProxyOptions
{
    /// <summary>Address and port to listen on (port 0: a free port, see <see cref="ProxyServer.LocalEndPoint"/>).</summary>
    public IPEndPoint Listen { get; init; } = new(IPAddress.Loopback, 8080);

    /// <summary>Transparent mode: connections arrive through a NAT redirect; the destination is the original one.</summary>
    public bool Transparent { get; init; }

    /// <summary>Client networks served; every other client is refused and logged. Default: loopback only.</summary>
    public IReadOnlyList<IPNetwork> Clients { get; init; } = [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")];

    /// <summary>Extra CA certificates trusted for upstream servers (labs with test servers), besides the system store.</summary>
    public X509Certificate2Collection UpstreamTrust { get; init; } = [];

    /// <summary>Largest request or response head (start line and headers); larger requests get 431.</summary>
    public int MaxHeaderBytes { get; init; } = 64 * 1024;

    /// <summary>Most concurrent connections from one client address; more are refused.</summary>
    public int MaxConnectionsPerClient { get; init; } = 256;

    /// <summary>A connection with no byte in either direction for this long is closed.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Time allowed for the client's first bytes and its TLS handshake with the proxy.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Time allowed to connect (TCP and TLS) to the upstream server; past it the client gets 504.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Failed interceptions of one host by one device after which that host is passed through for it.</summary>
    public int PinningFailureThreshold { get; init; } = 3;

    /// <summary>Certificate name for clients that send no SNI and whose destination is unknown.</summary>
    public string DefaultServerName { get; init; } = "devicewatch.lab";

    /// <summary>Upstream port used when the destination comes from the SNI alone (no NAT entry, no CONNECT).</summary>
    public int SniFallbackPort { get; init; } = 443;

    /// <summary>Most leaf certificates cached.</summary>
    public int LeafCacheCapacity { get; init; } = 1024;

    /// <summary>Body bytes kept per message for analysis; the rest is relayed and counted.</summary>
    public int MaxBodyCapture { get; init; } = 1024 * 1024;

    /// <summary>Names a device by its IP address (e.g. by profile); default: the IP itself.</summary>
    public Func<string, string>? DeviceIdOf { get; init; }
}
