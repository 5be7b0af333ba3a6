using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using DeviceWatch.Core.Analysis;
using DeviceWatch.Dissect.Common;
using DeviceWatch.Proxy.Tests.Peers;
using DeviceWatch.Proxy.WebSockets;

namespace DeviceWatch.Proxy.Tests;

/// <summary>WebSocket frames after a 101: the frame reader split at every offset, and a real ClientWebSocket through the proxy.</summary>
public sealed class WebSocketTests(LabServers lab) : IClassFixture<LabServers>
{
    private static readonly byte[] Mask = [0x37, 0xFA, 0x21, 0x3D];

    /// <summary>Client frames: a text message in two fragments with a ping between them, a 300-byte binary message, a close.</summary>
    private static byte[] ClientStream()
    {
        var binary = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();
        return
        [
            .. WebSocketEchoServer.Frame(0x01, "{\"lat\":52.52,"u8, Mask),
            .. WebSocketEchoServer.Frame(0x89, "hi"u8, Mask),
            .. WebSocketEchoServer.Frame(0x80, "\"lon\":13.40}"u8, Mask),
            .. WebSocketEchoServer.Frame(0x82, binary, Mask),
            .. WebSocketEchoServer.Frame(0x88, [0x03, 0xE8], Mask),
        ];
    }

    private static string Describe(IEnumerable<DissectedFact> facts) => string.Join("|", facts.Select(f => f switch
    {
        WebSocketMessage m => $"{(m.Text ? "text" : "binary")}:{m.Length}:{m.Truncated}:{Convert.ToHexString(m.Body.Span)}",
        WebSocketControlFrame c => $"control:{c.Opcode}",
        _ => f.ToString(),
    }));

    [Fact]
    public void FrameReader_SplitAtEveryOffset_SameMessages()
    {
        var stream = ClientStream();
        var whole = new FactList();
        var reader = new WebSocketFrameReader(FlowDirection.FromOriginator, 1024);
        reader.OnData(stream, DateTime.UnixEpoch, whole);
        Assert.Equal(
            $"control:9|text:25:False:{Convert.ToHexString("{\"lat\":52.52,\"lon\":13.40}"u8)}|binary:300:False:{Convert.ToHexString(Enumerable.Range(0, 300).Select(i => (byte)i).ToArray())}|control:8",
            Describe(whole.Facts));
        for (var split = 0; split <= stream.Length; split++)
        {
            var facts = new FactList();
            var parts = new WebSocketFrameReader(FlowDirection.FromOriginator, 1024);
            parts.OnData(stream.AsSpan(0, split), DateTime.UnixEpoch, facts);
            parts.OnData(stream.AsSpan(split), DateTime.UnixEpoch, facts);
            Assert.Equal(Describe(whole.Facts), Describe(facts.Facts));
        }

        var bytewise = new FactList();
        var single = new WebSocketFrameReader(FlowDirection.FromOriginator, 1024);
        foreach (var b in stream)
        {
            single.OnData([b], DateTime.UnixEpoch, bytewise);
        }

        Assert.Equal(Describe(whole.Facts), Describe(bytewise.Facts));
        Assert.Empty(whole.Anomalies);
    }

    [Fact]
    public void FrameReader_MessageOverCap_TruncatedAndCounted()
    {
        var facts = new FactList();
        var reader = new WebSocketFrameReader(FlowDirection.FromOriginator, 10);
        reader.OnData(WebSocketEchoServer.Frame(0x82, new byte[70_000], Mask), DateTime.UnixEpoch, facts);
        var message = Assert.IsType<WebSocketMessage>(Assert.Single(facts.Facts));
        Assert.Equal(70_000, message.Length);
        Assert.Equal(10, message.Body.Length);
        Assert.True(message.Truncated);
        Assert.All(message.Body.ToArray(), b => Assert.Equal(0, b));
    }

    [Theory]
    [InlineData(new byte[] { 0x83, 0x00 }, "bad-opcode")]
    [InlineData(new byte[] { 0x09, 0x00 }, "bad-control-frame")]
    [InlineData(new byte[] { 0x81, 0x7F, 0x80, 0, 0, 0, 0, 0, 0, 0 }, "bad-length")]
    public void FrameReader_BrokenFraming_CountedAndStops(byte[] bytes, string anomaly)
    {
        var facts = new FactList();
        var reader = new WebSocketFrameReader(FlowDirection.FromResponder, 1024);
        reader.OnData(bytes, DateTime.UnixEpoch, facts);
        reader.OnData(WebSocketEchoServer.Frame(0x81, "after"u8), DateTime.UnixEpoch, facts);
        Assert.Equal([anomaly], facts.Anomalies);
        Assert.Empty(facts.Facts);
        Assert.True(reader.Broken);
    }

    [Fact]
    public async Task ClientWebSocket_ThroughProxy_EchoUnchangedAndDeviceMessagesBecomePayloads()
    {
        await using var echo = new WebSocketEchoServer();
        await using var proxy = RunningProxy.Start(lab);
        using var socket = new ClientWebSocket();
        socket.Options.Proxy = new WebProxy(proxy.Url);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{echo.Port}/socket?id=7"), timeout.Token);

        var text = "{\"lat\":52.520008,\"lon\":13.404954}";
        var binary = Enumerable.Range(0, 1000).Select(i => (byte)(i * 7)).ToArray();
        await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, timeout.Token);
        Assert.Equal(Encoding.UTF8.GetBytes(text), await ReceiveAsync(socket, timeout.Token));
        await socket.SendAsync(binary, WebSocketMessageType.Binary, true, timeout.Token);
        Assert.Equal(binary, await ReceiveAsync(socket, timeout.Token));
        await socket.SendAsync("{\"imei\":"u8.ToArray(), WebSocketMessageType.Text, false, timeout.Token);
        await socket.SendAsync("\"356938035643809\"}"u8.ToArray(), WebSocketMessageType.Text, true, timeout.Token);
        Assert.Equal("{\"imei\":\"356938035643809\"}"u8.ToArray(), await ReceiveAsync(socket, timeout.Token));
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
        await proxy.Server.StopAsync();

        var messages = proxy.Sinks.Payloads.Where(p => p.Kind == PayloadKind.WebSocketMessage).ToArray();
        Assert.Equal(3, messages.Length);
        Assert.Equal(text, Encoding.UTF8.GetString(messages[0].Body.Span));
        Assert.Equal(binary, messages[1].Body.ToArray());
        Assert.Equal("{\"imei\":\"356938035643809\"}", Encoding.UTF8.GetString(messages[2].Body.Span));
        Assert.All(messages, m =>
        {
            Assert.EndsWith("/socket?id=7", m.Url, StringComparison.Ordinal);
            Assert.Equal("127.0.0.1", m.DeviceKey);
            Assert.Equal(echo.Port, m.DestinationPort);
            Assert.Equal(Transports.Cleartext, m.Transport);
            Assert.True(m.FromDevice);
        });
        Assert.Equal(6, proxy.Server.Statistics.WebSocketMessages);
        Assert.Equal(2, proxy.Server.Statistics.WebSocketControlFrames);
        var http = Assert.Single(proxy.Sinks.Http);
        Assert.Equal(101, http.Status);
        Assert.Contains("Upgrade: websocket", Assert.Single(echo.Heads), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ClientWebSocket_WssThroughConnect_InterceptedFramesRecorded()
    {
        using var certificate = X509Certificate2.CreateFromPemFile(Path.Combine(lab.Directory, "server.pem"), Path.Combine(lab.Directory, "server.key"));
        await using var echo = new WebSocketEchoServer(certificate);
        await using var proxy = RunningProxy.Start(lab);
        var ca = X509CertificateLoader.LoadCertificate(proxy.Authority.ExportDer());
        using var socket = new ClientWebSocket();
        socket.Options.Proxy = new WebProxy(proxy.Url);
        socket.Options.RemoteCertificateValidationCallback = (_, presented, _, _) =>
        {
            // Trust only a leaf issued by this proxy's CA.
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return presented is not null && chain.Build(X509CertificateLoader.LoadCertificate(presented.GetRawCertData()));
        };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await socket.ConnectAsync(new Uri($"wss://localhost:{echo.Port}/live"), timeout.Token);
        var text = "{\"heart_rate\":72}";
        await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, timeout.Token);
        Assert.Equal(Encoding.UTF8.GetBytes(text), await ReceiveAsync(socket, timeout.Token));
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
        await proxy.Server.StopAsync();

        var message = Assert.Single(proxy.Sinks.Payloads, p => p.Kind == PayloadKind.WebSocketMessage);
        Assert.Equal(text, Encoding.UTF8.GetString(message.Body.Span));
        Assert.Equal(Transports.TlsIntercepted, message.Transport);
        Assert.Equal("localhost", message.Destination);
        Assert.Equal("/live", message.Url);
        Assert.True(Assert.Single(proxy.Sinks.Interceptions).Completed);
        Assert.Equal(2, proxy.Server.Statistics.WebSocketMessages);
    }

    private static async Task<byte[]> ReceiveAsync(ClientWebSocket socket, CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        var total = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(total), ct);
            total += result.Count;
            if (result.EndOfMessage)
            {
                return buffer[..total];
            }
        }
    }

    private sealed class FactList : IFactSink
    {
        public List<DissectedFact> Facts { get; } = [];
        public List<string> Anomalies { get; } = [];
        public void Emit(DissectedFact fact) => Facts.Add(fact);
        public void CountAnomaly(string protocol, string kind) => Anomalies.Add(kind);
    }
}
