using System.Globalization;
using System.Text.Json;
using DeviceWatch.Proxy.Har;
using DeviceWatch.Proxy.Tests.Peers;

namespace DeviceWatch.Proxy.Tests;

/// <summary>HAR 1.2 output of real curl exchanges through the proxy, read back with System.Text.Json.</summary>
public sealed class HarOutputTests(LabServers lab) : IClassFixture<LabServers>
{
    [Fact]
    public async Task Curl_PostGetAndBinary_HarEntriesDescribeEachExchange()
    {
        var file = Path.Combine(lab.Directory, $"har-{Guid.NewGuid():N}.har");
        const string json = """{"lat":52.520008,"imei":"356938035643809"}""";
        var har = new HarWriter(file, "DeviceWatch", "test");
        await using (var proxy = RunningProxy.Start(lab, o => o with { MaxBodyCapture = 1000 }, har.Write))
        {
            // One connection, three exchanges (keep-alive): a JSON POST, a text GET with a query, a binary GET over the cap.
            var (code, _, error) = await Tool.RunAsync("curl", ["-sS", "--proxy", proxy.Url, "--cacert", proxy.CaFile, "-o", "/dev/null", "-o", "/dev/null",
                "-H", "Content-Type: application/json", "-H", "Cookie: session=abc; theme=dark", "--data-binary", json,
                $"https://localhost:{lab.HttpsPort}/api/upload", "--next", "--proxy", proxy.Url, "--cacert", proxy.CaFile, "-o", "/dev/null",
                $"https://localhost:{lab.HttpsPort}/data.json?x=1&name=a%20b", "--next", "--proxy", proxy.Url, "--cacert", proxy.CaFile, "-o", "/dev/null",
                $"https://localhost:{lab.HttpsPort}/large.bin"]);
            Assert.True(code == 0, error);
            await proxy.Server.StopAsync();
            Assert.Equal(3, proxy.Server.Statistics.Exchanges);
        }

        har.Dispose();
        Assert.Equal(3, har.Entries);
        using var document = JsonDocument.Parse(await File.ReadAllBytesAsync(file));
        var log = document.RootElement.GetProperty("log");
        Assert.Equal("1.2", log.GetProperty("version").GetString());
        Assert.Equal("DeviceWatch", log.GetProperty("creator").GetProperty("name").GetString());
        var entries = log.GetProperty("entries").EnumerateArray().ToArray();
        Assert.Equal(3, entries.Length);
        var connection = entries[0].GetProperty("connection").GetString();
        Assert.StartsWith("P", connection, StringComparison.Ordinal);
        Assert.All(entries, e => Assert.Equal(connection, e.GetProperty("connection").GetString()));
        Assert.All(entries, e => Assert.Equal("127.0.0.1", e.GetProperty("serverIPAddress").GetString()));

        // 1. The POST: text body, headers in order, cookies split, timings non-negative.
        var post = entries[0];
        var request = post.GetProperty("request");
        Assert.Equal("POST", request.GetProperty("method").GetString());
        Assert.Equal($"https://localhost:{lab.HttpsPort}/api/upload", request.GetProperty("url").GetString());
        Assert.Equal("HTTP/1.1", request.GetProperty("httpVersion").GetString());
        Assert.Equal(json, request.GetProperty("postData").GetProperty("text").GetString());
        Assert.Equal("application/json", request.GetProperty("postData").GetProperty("mimeType").GetString());
        Assert.False(request.GetProperty("postData").TryGetProperty("encoding", out _));
        Assert.Equal(json.Length, request.GetProperty("bodySize").GetInt64());
        Assert.Contains(request.GetProperty("headers").EnumerateArray(), h => h.GetProperty("name").GetString() == "Content-Type");
        Assert.Equal(new[] { "session", "theme" }, request.GetProperty("cookies").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToArray());
        var response = post.GetProperty("response");
        Assert.Equal(200, response.GetProperty("status").GetInt32());
        Assert.Equal("OK", response.GetProperty("statusText").GetString());
        Assert.Equal("""{"ok":true}""", response.GetProperty("content").GetProperty("text").GetString());
        var timings = post.GetProperty("timings");
        foreach (var phase in new[] { "send", "wait", "receive" })
        {
            Assert.True(timings.GetProperty(phase).GetDouble() >= 0, phase);
        }

        Assert.True(post.GetProperty("time").GetDouble() >= timings.GetProperty("wait").GetDouble());
        var started = DateTime.Parse(post.GetProperty("startedDateTime").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        Assert.InRange(started, DateTime.UtcNow.AddMinutes(-2), DateTime.UtcNow);
        Assert.Equal("tls-intercepted", post.GetProperty("_transport").GetString());

        // 2. The GET with a query string.
        var get = entries[1].GetProperty("request");
        Assert.Equal("GET", get.GetProperty("method").GetString());
        Assert.False(get.TryGetProperty("postData", out _));
        Assert.Equal([("x", "1"), ("name", "a b")], get.GetProperty("queryString").EnumerateArray().Select(q => (q.GetProperty("name").GetString(), q.GetProperty("value").GetString())).ToArray());
        Assert.Equal(LabServers.DataJson, entries[1].GetProperty("response").GetProperty("content").GetProperty("text").GetString());

        // 3. The binary body: base64 of the first 1000 bytes (the capture cap), full sizes.
        var content = entries[2].GetProperty("response").GetProperty("content");
        Assert.Equal("base64", content.GetProperty("encoding").GetString());
        Assert.Equal(lab.LargeBody[..1000], Convert.FromBase64String(content.GetProperty("text").GetString()!));
        Assert.Equal(lab.LargeBody.Length, content.GetProperty("size").GetInt64());
        Assert.Equal(lab.LargeBody.Length, entries[2].GetProperty("response").GetProperty("bodySize").GetInt64());
        File.Delete(file);
    }

    [Fact]
    public async Task UpstreamRefused_HarEntryHasStatusZeroAndNoServerAddress()
    {
        var file = Path.Combine(lab.Directory, $"har-{Guid.NewGuid():N}.har");
        var closedPort = FreePort.Next();
        using (var har = new HarWriter(file, "DeviceWatch", "test"))
        {
            await using var proxy = RunningProxy.Start(lab, exchanges: har.Write);
            var (code, _, _) = await Tool.RunAsync("curl", ["-sS", "--proxy", proxy.Url, $"http://127.0.0.1:{closedPort}/nothing"]);
            Assert.Equal(0, code);
            await proxy.Server.StopAsync();
        }

        using var document = JsonDocument.Parse(await File.ReadAllBytesAsync(file));
        var entry = Assert.Single(document.RootElement.GetProperty("log").GetProperty("entries").EnumerateArray().ToArray());
        Assert.Equal($"http://127.0.0.1:{closedPort}/nothing", entry.GetProperty("request").GetProperty("url").GetString());
        Assert.Equal(0, entry.GetProperty("response").GetProperty("status").GetInt32());
        Assert.False(entry.TryGetProperty("serverIPAddress", out _));
        File.Delete(file);
    }

    [Theory]
    [InlineData(new byte[] { 0x7B, 0x7D }, true)]
    [InlineData(new byte[] { 0xC3, 0xA9, 0x0A }, true)]
    [InlineData(new byte[] { 0x00, 0x41 }, false)]
    [InlineData(new byte[] { 0xC3 }, false)]
    public void IsPrintableUtf8_Bytes_TextOnlyForCleanUtf8(byte[] bytes, bool expected) => Assert.Equal(expected, DeviceWatch.Core.Text.PrintableText.IsPrintableUtf8(bytes));
}
