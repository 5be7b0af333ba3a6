using System.Globalization;
using DeviceWatch.Proxy.Tests.Peers;

namespace DeviceWatch.Proxy.Tests;

/// <summary>
/// Transparent mode with a real NAT redirect: an iptables OUTPUT rule sends only connections from 127.0.0.2 to the
/// nginx port into the proxy (the proxy's own upstream connection comes from 127.0.0.1 and is not redirected);
/// the destination must come from SO_ORIGINAL_DST, since the SNI fallback port is deliberately wrong.
/// </summary>
public sealed class TransparentProxyTests(LabServers lab) : IClassFixture<LabServers>
{
    [Fact]
    public async Task Curl_RedirectedByNat_OriginalDestinationUsedAndRecorded()
    {
        await using var proxy = RunningProxy.Start(lab, o => o with { Transparent = true, SniFallbackPort = 9 });
        var port = lab.HttpsPort.ToString(CultureInfo.InvariantCulture);
        string[] rule = ["-t", "nat", "{0}", "OUTPUT", "-p", "tcp", "-s", "127.0.0.2", "-d", "127.0.0.1", "--dport", port,
            "-j", "REDIRECT", "--to-ports", proxy.Port.ToString(CultureInfo.InvariantCulture)];
        var (added, _, addError) = await Tool.RunAsync("iptables", rule.Select(a => a == "{0}" ? "-A" : a));
        Assert.True(added == 0, addError);
        try
        {
            var (code, body, error) = await Tool.RunAsync("curl", ["-sS", "--interface", "127.0.0.2", "--cacert", proxy.CaFile, $"https://localhost:{port}/data.json"]);
            Assert.True(code == 0, error);
            Assert.Equal(LabServers.DataJson, body);
        }
        finally
        {
            await Tool.RunAsync("iptables", rule.Select(a => a == "{0}" ? "-D" : a));
        }

        await proxy.Server.StopAsync();
        var conn = Assert.Single(proxy.Sinks.Conns);
        Assert.Equal("127.0.0.2", conn.OrigH);
        Assert.Equal("127.0.0.1", conn.RespH);
        Assert.Equal(lab.HttpsPort, conn.RespP);
        Assert.Equal("localhost", conn.ServerName);
        Assert.False(conn.Encrypted);
        Assert.Equal(200, Assert.Single(proxy.Sinks.Http).Status);
    }

    [Fact]
    public async Task CurlPlainHttp_RedirectedByNat_RelayedToOriginalDestinationAsCleartext()
    {
        await using var proxy = RunningProxy.Start(lab, o => o with { Transparent = true });
        var port = lab.HttpPort.ToString(CultureInfo.InvariantCulture);
        string[] rule = ["-t", "nat", "{0}", "OUTPUT", "-p", "tcp", "-s", "127.0.0.2", "-d", "127.0.0.1", "--dport", port,
            "-j", "REDIRECT", "--to-ports", proxy.Port.ToString(CultureInfo.InvariantCulture)];
        var (added, _, addError) = await Tool.RunAsync("iptables", rule.Select(a => a == "{0}" ? "-A" : a));
        Assert.True(added == 0, addError);
        try
        {
            var (code, body, error) = await Tool.RunAsync("curl", ["-sS", "--interface", "127.0.0.2", "-H", "Content-Type: application/json",
                "--data-binary", """{"imei":"356938035643809"}""", $"http://127.0.0.1:{port}/api/upload"]);
            Assert.True(code == 0, error);
            Assert.Equal("""{"ok":true}""", body);
        }
        finally
        {
            await Tool.RunAsync("iptables", rule.Select(a => a == "{0}" ? "-D" : a));
        }

        await proxy.Server.StopAsync();
        var conn = Assert.Single(proxy.Sinks.Conns);
        Assert.Equal("127.0.0.2", conn.OrigH);
        Assert.Equal(lab.HttpPort, conn.RespP);
        Assert.Equal("http", conn.Service);
        var http = Assert.Single(proxy.Sinks.Http);
        Assert.Equal(("POST", 200, DeviceWatch.Core.Analysis.Transports.Cleartext), (http.Method, http.Status, http.Transport));
        var payload = Assert.Single(proxy.Sinks.Payloads);
        Assert.Equal("""{"imei":"356938035643809"}""", System.Text.Encoding.UTF8.GetString(payload.Body.Span));
        Assert.Equal("127.0.0.2", payload.DeviceKey);
    }
}
