using System.Globalization;
using System.Net;
using DeviceWatch.Proxy.Tests.Peers;

namespace DeviceWatch.Proxy.Tests;

/// <summary>
/// Transparent mode across network namespaces: a client namespace whose gateway is the test's own namespace (where
/// the proxy runs), an iptables PREROUTING REDIRECT on the client link, and nginx in a server namespace. The
/// client connects to the server's address; only SO_ORIGINAL_DST can tell the proxy where (the SNI fallback port is
/// wrong on purpose). Namespaces, links and the rule are removed at the end.
/// </summary>
public sealed class NamespaceTransparentTests(LabServers lab) : IClassFixture<LabServers>
{
    [Fact]
    public async Task CurlInClientNamespace_RedirectedToProxy_ReachesServerNamespaceAndIsRecorded()
    {
        var tag = Random.Shared.Next(10000, 99999).ToString(CultureInfo.InvariantCulture);
        var subnet = Random.Shared.Next(0, 120) * 2;
        var clientNet = $"10.231.{subnet}";
        var serverNet = $"10.231.{subnet + 1}";
        string clientNs = $"dwpc{tag}", serverNs = $"dwps{tag}", clientLink = $"dwc{tag}", serverLink = $"dws{tag}";
        var cleanup = new List<string[]>();
        try
        {
            // 1. Two namespaces, each linked to this one (the gateway .1 here, the host .2 there).
            await Ip(["netns", "add", clientNs]);
            cleanup.Add(["ip", "netns", "del", clientNs]);
            await Ip(["netns", "add", serverNs]);
            cleanup.Add(["ip", "netns", "del", serverNs]);
            foreach (var (ns, link, net) in new[] { (clientNs, clientLink, clientNet), (serverNs, serverLink, serverNet) })
            {
                await Ip(["link", "add", link, "type", "veth", "peer", "name", "eth0", "netns", ns]);
                cleanup.Insert(0, ["ip", "link", "del", link]);
                await Ip(["addr", "add", $"{net}.1/24", "dev", link]);
                await Ip(["link", "set", link, "up"]);
                await Ip(["-n", ns, "addr", "add", $"{net}.2/24", "dev", "eth0"]);
                await Ip(["-n", ns, "link", "set", "eth0", "up"]);
                await Ip(["-n", ns, "link", "set", "lo", "up"]);
                await Ip(["-n", ns, "route", "add", "default", "via", $"{net}.1"]);
            }

            // 2. nginx (TLS, the lab's certificate for localhost) in the server namespace.
            var dir = Directory.CreateTempSubdirectory("dw-proxy-ns-").FullName;
            cleanup.Add(["rm", "-rf", dir]);
            const int serverPort = 8443;
            File.WriteAllText(Path.Combine(dir, "nginx.conf"), $$"""
                daemon off; master_process off; worker_processes 1; error_log {{dir}}/error.log; pid {{dir}}/nginx.pid;
                events { worker_connections 64; }
                http {
                  access_log off; client_body_temp_path {{dir}}/body; proxy_temp_path {{dir}}/proxy; fastcgi_temp_path {{dir}}/fcgi;
                  uwsgi_temp_path {{dir}}/uwsgi; scgi_temp_path {{dir}}/scgi;
                  server {
                    listen {{serverNet}}.2:{{serverPort}} ssl; server_name localhost;
                    ssl_certificate {{lab.Directory}}/server.pem; ssl_certificate_key {{lab.Directory}}/server.key;
                    root {{lab.Directory}}/www;
                  }
                }
                """);
            using var nginx = ServerProcess.Start("ip", ["netns", "exec", serverNs, Tool.Path("nginx"), "-c", Path.Combine(dir, "nginx.conf"), "-p", dir],
                [serverPort], IPAddress.Parse($"{serverNet}.2"));

            // 3. The proxy here, on the client link's gateway address; the client link's TCP is redirected to it.
            await using var proxy = RunningProxy.Start(lab, o => o with
            {
                Listen = new IPEndPoint(IPAddress.Parse($"{clientNet}.1"), 0),
                Transparent = true,
                SniFallbackPort = 9,
                Clients = [IPNetwork.Parse($"{clientNet}.0/24")],
            });
            string[] rule = ["iptables", "-t", "nat", "{0}", "PREROUTING", "-i", clientLink, "-p", "tcp", "-j", "REDIRECT", "--to-ports", proxy.Port.ToString(CultureInfo.InvariantCulture)];
            await Run(rule.Select(a => a == "{0}" ? "-A" : a).ToArray());
            cleanup.Insert(0, rule.Select(a => a == "{0}" ? "-D" : a).ToArray());

            // 4. The device: curl in the client namespace to the server's address, trusting the proxy's CA.
            var (code, body, error) = await Tool.RunAsync("ip", ["netns", "exec", clientNs, Tool.Path("curl"), "-sS", "--cacert", proxy.CaFile,
                "--resolve", $"localhost:{serverPort}:{serverNet}.2", $"https://localhost:{serverPort}/data.json"]);
            Assert.True(code == 0, error);
            Assert.Equal(LabServers.DataJson, body);
            await proxy.Server.StopAsync();

            var conn = Assert.Single(proxy.Sinks.Conns);
            Assert.Equal($"{clientNet}.2", conn.OrigH);
            Assert.Equal($"{serverNet}.2", conn.RespH);
            Assert.Equal(serverPort, conn.RespP);
            Assert.Equal("localhost", conn.ServerName);
            Assert.Equal(200, Assert.Single(proxy.Sinks.Http).Status);
            Assert.True(Assert.Single(proxy.Sinks.Interceptions).Completed);
        }
        finally
        {
            foreach (var command in cleanup)
            {
                await Tool.RunAsync(command[0], command[1..]);
            }
        }
    }

    private static Task Ip(string[] arguments) => Run(["ip", .. arguments]);

    private static async Task Run(string[] command)
    {
        var (code, _, error) = await Tool.RunAsync(command[0], command[1..]);
        Assert.True(code == 0, $"{string.Join(' ', command)}: {error}");
    }
}
