using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using DeviceWatch.Proxy.Tests.Peers;

namespace DeviceWatch.Proxy.Tests;

/// <summary>Safety limits with real sockets: connections per client, and the idle timeout.</summary>
public sealed class ProxyLimitTests(LabServers lab) : IClassFixture<LabServers>
{
    [Fact]
    public async Task ConnectionsPerClient_OverLimit_RefusedWhileOthersKeepWorking()
    {
        await using var proxy = RunningProxy.Start(lab, o => o with { MaxConnectionsPerClient = 2 });
        using var first = new TcpClient();
        using var second = new TcpClient();
        await first.ConnectAsync(IPAddress.Loopback, proxy.Port);
        await second.ConnectAsync(IPAddress.Loopback, proxy.Port);
        await WaitUntilAsync(() => proxy.Server.Statistics.Active == 2);

        // 1. The third connection from the same address is reset at once.
        using var third = new TcpClient();
        bool closed;
        try
        {
            await third.ConnectAsync(IPAddress.Loopback, proxy.Port);
            closed = await ClosedWithinAsync(third, TimeSpan.FromSeconds(3));
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
        {
            closed = true; // the reset came before the connect completed
        }

        Assert.True(closed, "the third connection was not closed");
        Assert.Equal(1, proxy.Server.Statistics.Refused);

        // 2. When one closes, the client is served again (a real request through the freed slot).
        first.Close();
        await WaitUntilAsync(() => proxy.Server.Statistics.Active == 1);
        var (code, body, error) = await Tool.RunAsync("curl", ["-sS", "--proxy", proxy.Url, $"http://127.0.0.1:{lab.HttpPort}/data.json"]);
        Assert.True(code == 0, error);
        Assert.Equal(LabServers.DataJson, body);
        await proxy.Server.StopAsync();
        Assert.Contains(proxy.Sinks.Log, l => l.Contains("has 2 connections open: refused", StringComparison.Ordinal));
    }

    [Fact]
    public async Task IdleTunnel_NoBytesForIdleTimeout_ClosedAndRecordedAsOth()
    {
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        await using var proxy = RunningProxy.Start(lab, o => o with { IdleTimeout = TimeSpan.FromMilliseconds(400) });
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, proxy.Port);
        var stream = client.GetStream();
        var port = ((IPEndPoint)server.LocalEndpoint).Port;
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"CONNECT 127.0.0.1:{port} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"));
        var answer = new byte[256];
        var n = await stream.ReadAsync(answer);
        Assert.StartsWith("HTTP/1.1 200", Encoding.ASCII.GetString(answer, 0, n), StringComparison.Ordinal);

        // A custom binary protocol: relayed as bytes, then nothing in either direction. The clock starts before the
        // last byte is sent: the proxy's idle time counts from when it relayed that byte, which is later, so the
        // lower bound holds however late this test is scheduled after the relay.
        var idle = Stopwatch.StartNew();
        await stream.WriteAsync(new byte[] { 0x00, 0x01, 0x02, 0x03 });
        using var upstream = await server.AcceptTcpClientAsync();
        var relayed = new byte[4];
        await upstream.GetStream().ReadExactlyAsync(relayed);
        Assert.Equal(new byte[] { 0x00, 0x01, 0x02, 0x03 }, relayed);
        Assert.True(await ClosedWithinAsync(client, TimeSpan.FromSeconds(5)), "the idle connection was not closed");
        Assert.InRange(idle.Elapsed, TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(4));
        await proxy.Server.StopAsync();
        var conn = Assert.Single(proxy.Sinks.Conns);
        Assert.Equal("OTH", conn.State);
        Assert.True(conn.Encrypted);
        Assert.Equal(port, conn.RespP);
    }

    private static async Task<bool> ClosedWithinAsync(TcpClient client, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            var n = await client.GetStream().ReadAsync(new byte[64], timeout.Token);
            return n == 0;
        }
        catch (IOException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Polls for up to 10 s: the proxy's accept loop may be slow to run on a loaded two-core box.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(20);
        }

        Assert.True(condition());
    }
}
