using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using DeviceWatch.Core.Analysis;
using DeviceWatch.Proxy.Tests.Peers;

namespace DeviceWatch.Proxy.Tests;

/// <summary>Explicit mode against real peers: curl, HttpClient and openssl through the proxy to nginx and mosquitto.</summary>
public sealed class ExplicitProxyTests(LabServers lab) : IClassFixture<LabServers>
{
    [Fact]
    public async Task Curl_GetThroughConnect_BodyUnchangedAndRecorded()
    {
        await using var proxy = RunningProxy.Start(lab);
        var (code, body, error) = await Tool.RunAsync("curl", ["-sS", "--proxy", proxy.Url, "--cacert", proxy.CaFile, $"https://localhost:{lab.HttpsPort}/data.json"]);
        Assert.True(code == 0, error);
        Assert.Equal(LabServers.DataJson, body);
        await proxy.Server.StopAsync();

        var http = Assert.Single(proxy.Sinks.Http);
        Assert.Equal("GET", http.Method);
        Assert.Equal("/data.json", http.Uri);
        Assert.Equal(200, http.Status);
        Assert.Equal(Transports.TlsIntercepted, http.Transport);
        Assert.Equal(LabServers.DataJson.Length, http.ResponseBodyLen);
        var conn = Assert.Single(proxy.Sinks.Conns);
        Assert.Equal("proxy", conn.Source);
        Assert.Equal("http", conn.Service);
        Assert.False(conn.Encrypted);
        Assert.Equal("localhost", conn.ServerName);
        Assert.Equal(lab.HttpsPort, conn.RespP);
        Assert.Equal(http.Uid, conn.Uid);
        var tls = Assert.Single(proxy.Sinks.Tls);
        Assert.Equal("localhost", tls.ServerName);
        Assert.True(tls.Established);
        var interception = Assert.Single(proxy.Sinks.Interceptions);
        Assert.True(interception.Completed);
        Assert.Equal("127.0.0.1", interception.Device);
    }

    [Fact]
    public async Task Curl_PostJson_PayloadCarriesBodyForAnalysis()
    {
        await using var proxy = RunningProxy.Start(lab);
        const string json = """{"lat":52.520008,"lon":13.404954,"imei":"356938035643809"}""";
        var (code, body, error) = await Tool.RunAsync("curl", ["-sS", "--proxy", proxy.Url, "--cacert", proxy.CaFile,
            "-H", "Content-Type: application/json", "--data-binary", json, $"https://localhost:{lab.HttpsPort}/api/upload"]);
        Assert.True(code == 0, error);
        Assert.Equal("""{"ok":true}""", body);
        await proxy.Server.StopAsync();

        var payload = Assert.Single(proxy.Sinks.Payloads);
        Assert.Equal(PayloadKind.HttpRequest, payload.Kind);
        Assert.Equal(Transports.TlsIntercepted, payload.Transport);
        Assert.Equal("127.0.0.1", payload.DeviceKey);
        Assert.Equal("localhost", payload.Destination);
        Assert.Equal("POST", payload.Method);
        Assert.Equal("/api/upload", payload.Url);
        Assert.Equal("application/json", payload.ContentType);
        Assert.Equal(json, Encoding.UTF8.GetString(payload.Body.Span));
        var http = Assert.Single(proxy.Sinks.Http);
        Assert.Equal(json.Length, http.RequestBodyLen);
        Assert.Equal("application/json", http.RequestContentType);
    }

    [Fact]
    public async Task HttpClient_KeepAliveLargeAndChunked_StreamedUnchangedOnOneUpstream()
    {
        await using var proxy = RunningProxy.Start(lab);
        using var handler = TrustingHandler(proxy);
        using var client = new HttpClient(handler) { DefaultRequestVersion = HttpVersion.Version11 };
        var large = await client.GetByteArrayAsync($"https://localhost:{lab.HttpsPort}/large.bin");
        Assert.Equal(SHA256.HashData(lab.LargeBody), SHA256.HashData(large));
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(LabServers.DataJson, await client.GetStringAsync($"https://localhost:{lab.HttpsPort}/data.json"));
        }

        using var chunked = new StringContent("""{"steps":1234}""", Encoding.UTF8, "application/json");
        chunked.Headers.ContentLength = null; // sent chunked
        var response = await client.PostAsync($"https://localhost:{lab.HttpsPort}/api/upload", chunked);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await proxy.Server.StopAsync();

        Assert.Equal(7, proxy.Sinks.Http.Count);
        Assert.Single(proxy.Sinks.Conns); // one keep-alive connection carried every request
        Assert.Contains(proxy.Sinks.Http, h => h.Uri == "/large.bin" && h.ResponseBodyLen == lab.LargeBody.Length);
        var post = Assert.Single(proxy.Sinks.Payloads, p => p.Method == "POST");
        Assert.Equal("""{"steps":1234}""", Encoding.UTF8.GetString(post.Body.Span));
        Assert.Equal(1, proxy.Server.LeavesMinted);
    }

    [Fact]
    public async Task Curl_UntrustedUpstream_Clear502AndRecorded()
    {
        await using var proxy = RunningProxy.Start(lab);
        var (code, body, error) = await Tool.RunAsync("curl", ["-sS", "-w", "\n%{http_code}", "--proxy", proxy.Url, "--cacert", proxy.CaFile, $"https://localhost:{lab.UntrustedPort}/data.json"]);
        Assert.True(code == 0, error);
        Assert.EndsWith("\n502", body, StringComparison.Ordinal);
        Assert.Contains("not trusted", body, StringComparison.Ordinal);
        await proxy.Server.StopAsync();
        Assert.Equal(1, proxy.Server.Statistics.UpstreamFailures);
        Assert.Contains(proxy.Sinks.Log, l => l.Contains("not trusted", StringComparison.Ordinal));
        Assert.Single(proxy.Sinks.Conns);
    }

    [Fact]
    public async Task RawClient_MalformedRequest_Gets400AndProxyKeepsServing()
    {
        await using var proxy = RunningProxy.Start(lab);
        foreach (var bad in new[] { "GET /x HTTP/9.9\r\n\r\n", "GET http://localhost/ HTTP/1.1\r\nBad Header\r\n\r\n", "POST http://localhost/ HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n" })
        {
            var answer = await RawExchangeAsync(proxy.Port, bad);
            Assert.StartsWith("HTTP/1.1 400 ", answer, StringComparison.Ordinal);
        }

        var huge = "GET http://localhost/ HTTP/1.1\r\nX-Big: " + new string('a', 70_000) + "\r\n\r\n";
        Assert.StartsWith("HTTP/1.1 431 ", await RawExchangeAsync(proxy.Port, huge), StringComparison.Ordinal);

        var (code, body, error) = await Tool.RunAsync("curl", ["-sS", "--proxy", proxy.Url, "--cacert", proxy.CaFile, $"https://localhost:{lab.HttpsPort}/data.json"]);
        Assert.True(code == 0, error);
        Assert.Equal(LabServers.DataJson, body);
        Assert.Equal(4, proxy.Server.Statistics.BadRequests);
    }

    [Fact]
    public async Task Client_FromAddressNotServed_RefusedAndLogged()
    {
        await using var proxy = RunningProxy.Start(lab, o => o with { Clients = [IPNetwork.Parse("127.0.0.1/32")] });
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 0));
        var buffer = new byte[64];
        int read;
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, proxy.Port));
            await socket.SendAsync(Encoding.ASCII.GetBytes($"CONNECT localhost:{lab.HttpsPort} HTTP/1.1\r\n\r\n"));
            read = await socket.ReceiveAsync(buffer.AsMemory()).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (SocketException)
        {
            read = 0;
        }

        Assert.Equal(0, read);
        await proxy.Server.StopAsync();
        Assert.Equal(1, proxy.Server.Statistics.Refused);
        Assert.Equal(0, proxy.Server.Statistics.Accepted);
        Assert.Contains(proxy.Sinks.Log, l => l.Contains("127.0.0.2", StringComparison.Ordinal) && l.Contains("refused", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OpensslClient_RejectingOurCa_RecordedAsPinnedThenPassedThrough()
    {
        // The client connects straight to the proxy port with SNI (no NAT entry): the destination is SNI + the fallback port.
        await using var proxy = RunningProxy.Start(lab, o => o with { PinningFailureThreshold = 2, SniFallbackPort = lab.HttpsPort });
        string[] arguments = ["s_client", "-connect", $"127.0.0.1:{proxy.Port}", "-servername", "localhost", "-CAfile", lab.TestCaFile, "-verify_return_error"];
        for (var i = 0; i < 2; i++)
        {
            var (code, stdout, _) = await Tool.RunAsync("openssl", arguments, stdin: "");
            Assert.NotEqual(0, code);
            Assert.DoesNotContain("Verify return code: 0 (ok)", stdout, StringComparison.Ordinal);
        }

        // After two refusals the host is passed through: the client now sees the real server's certificate.
        var (passCode, passOut, passErr) = await Tool.RunAsync("openssl", arguments, stdin: "");
        Assert.True(passCode == 0, passErr);
        Assert.Contains("Verify return code: 0 (ok)", passOut, StringComparison.Ordinal);
        await proxy.Server.StopAsync();

        var failures = proxy.Sinks.Interceptions.ToArray();
        Assert.Equal(2, failures.Length);
        Assert.All(failures, f =>
        {
            Assert.False(f.Completed);
            Assert.Equal("localhost", f.Host);
            Assert.Equal("127.0.0.1", f.Device);
            Assert.StartsWith("alert:", f.FailureReason, StringComparison.Ordinal);
        });
        Assert.Equal(1, proxy.Server.Statistics.PassedThrough);
        var passed = Assert.Single(proxy.Sinks.Conns, c => c.Encrypted && c.RespBytes > 0);
        Assert.Equal("localhost", passed.ServerName);
        Assert.Equal("tls", passed.Service);
        Assert.True(passed.OrigBytes > 0);
    }

    [Fact]
    public async Task OpensslClient_OnlyRsaSignatures_GetsRsaLeafAndVerifies()
    {
        await using var proxy = RunningProxy.Start(lab, o => o with { SniFallbackPort = lab.HttpsPort });
        var (code, stdout, stderr) = await Tool.RunAsync("openssl", ["s_client", "-connect", $"127.0.0.1:{proxy.Port}", "-servername", "localhost",
            "-CAfile", proxy.CaFile, "-verify_return_error", "-sigalgs", "rsa_pss_rsae_sha256:rsa_pkcs1_sha256"], stdin: "");
        Assert.True(code == 0, stderr);
        Assert.Contains("Verify return code: 0 (ok)", stdout, StringComparison.Ordinal);
        Assert.Contains("Server public key is 2048 bit", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MosquittoPub_TlsStraightToProxyWithSni_PublishDissected()
    {
        await using var proxy = RunningProxy.Start(lab, o => o with { SniFallbackPort = lab.MqttPort });
        const string message = """{"lat":52.520008,"lon":13.404954}""";
        var (code, _, error) = await Tool.RunAsync("mosquitto_pub", ["-h", "localhost", "-p", proxy.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--cafile", proxy.CaFile, "-i", "watch-01", "-t", "devices/watch-01/location", "-m", message]);
        Assert.True(code == 0, error);
        await proxy.Server.StopAsync();

        var publish = Assert.Single(proxy.Sinks.Mqtt, m => m.Type == "PUBLISH");
        Assert.Equal("devices/watch-01/location", publish.Topic);
        Assert.Equal(Transports.TlsIntercepted, publish.Transport);
        Assert.Contains(proxy.Sinks.Mqtt, m => m.Type == "CONNECT" && m.ClientId == "watch-01");
        var payload = Assert.Single(proxy.Sinks.Payloads, p => p.Kind == PayloadKind.MqttPublish);
        Assert.Equal(message, Encoding.UTF8.GetString(payload.Body.Span));
        Assert.Equal(Transports.TlsIntercepted, payload.Transport);
        var conn = Assert.Single(proxy.Sinks.Conns);
        Assert.Equal("mqtt", conn.Service);
        Assert.Equal(lab.MqttPort, conn.RespP);
    }

    private static HttpClientHandler TrustingHandler(RunningProxy proxy)
    {
        var ca = X509CertificateLoader.LoadCertificate(proxy.Authority.ExportDer());
        return new HttpClientHandler
        {
            Proxy = new WebProxy(proxy.Url),
            UseProxy = true,
            ServerCertificateCustomValidationCallback = (_, certificate, _, errors) =>
            {
                if (certificate is null || (errors & System.Net.Security.SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
                {
                    return false;
                }

                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(certificate);
            },
        };
    }

    private static async Task<string> RawExchangeAsync(int port, string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(5));
    }
}
