using System.Net;
using DeviceWatch.Proxy.Certificates;

namespace DeviceWatch.Proxy.Tests.Peers;

/// <summary>A proxy on a free 127.0.0.1 port with a fresh CA in a temp state folder (its PEM exported to a file).</summary>
internal sealed class RunningProxy : IAsyncDisposable
{
    private readonly string _state;

    private RunningProxy(string state, CertificateAuthority authority, ProxyServer server, CollectingSinks sinks)
    {
        _state = state;
        Authority = authority;
        Server = server;
        Sinks = sinks;
        CaFile = Path.Combine(state, "exported-ca.pem");
        File.WriteAllText(CaFile, authority.ExportPem());
    }

    public CertificateAuthority Authority { get; }
    public ProxyServer Server { get; }
    public CollectingSinks Sinks { get; }
    public string CaFile { get; }
    public int Port => Server.LocalEndPoint.Port;
    public string Url => $"http://127.0.0.1:{Port}";

    public static RunningProxy Start(LabServers lab, Func<ProxyOptions, ProxyOptions>? configure = null, Action<ProxiedExchange>? exchanges = null)
    {
        var state = Directory.CreateTempSubdirectory("dw-proxy-state-").FullName;
        var authority = CertificateAuthority.LoadOrCreate(state);
        var options = new ProxyOptions
        {
            Listen = new IPEndPoint(IPAddress.Loopback, 0),
            UpstreamTrust = [lab.TestCa],
            HandshakeTimeout = TimeSpan.FromSeconds(5),
            ConnectTimeout = TimeSpan.FromSeconds(5),
        };
        options = configure?.Invoke(options) ?? options;
        var sinks = new CollectingSinks();
        var server = new ProxyServer(options, authority, sinks.ToSinks() with { Exchanges = exchanges });
        server.Start();
        return new RunningProxy(state, authority, server, sinks);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Authority.Dispose();
        Directory.Delete(_state, recursive: true);
    }
}
