using System.IO.Compression;
using System.Text;
using DeviceWatch.Capture.Tests.Writing;
using DeviceWatch.Synth.Payloads;

namespace DeviceWatch.Capture.Tests.Synth;

public sealed class HttpMessageBuilderTests
{
    [Fact]
    public void Request_Get_IsByteExact()
    {
        var request = HttpMessageBuilder.Request(new HttpRequestSpec { Host = "gps.example", Path = "/a?b=1", UserAgent = "t/1" });
        Assert.Equal("GET /a?b=1 HTTP/1.1\r\nHost: gps.example\r\nUser-Agent: t/1\r\nAccept: */*\r\n\r\n", Encoding.ASCII.GetString(request));
    }

    [Fact]
    public void Request_PostJson_HasContentTypeLengthAndBody()
    {
        var request = HttpMessageBuilder.Request(new HttpRequestSpec
        {
            Method = "POST",
            Host = "gps.example",
            UserAgent = null,
            ContentType = "application/json",
            Body = "{\"lat\":1}"u8.ToArray(),
            Headers = [new("X-Device", "w1")],
        });
        Assert.Equal("POST / HTTP/1.1\r\nHost: gps.example\r\nAccept: */*\r\nContent-Type: application/json\r\nContent-Length: 9\r\nX-Device: w1\r\n\r\n{\"lat\":1}",
            Encoding.ASCII.GetString(request));
    }

    [Fact]
    public void Response_GzipChunked_ChunksDecodeToGzipOfBody()
    {
        var body = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"k\":\"value\"}", 200)));
        var response = HttpMessageBuilder.Response(new HttpResponseSpec { Body = body, Gzip = true, Chunked = true, ChunkSize = 100, Server = null });
        var text = Encoding.Latin1.GetString(response);
        Assert.StartsWith("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n", text, StringComparison.Ordinal);
        var at = text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4;
        var gzip = new List<byte>();
        while (true)
        {
            var lineEnd = text.IndexOf("\r\n", at, StringComparison.Ordinal);
            var size = Convert.ToInt32(text[at..lineEnd], 16);
            if (size == 0)
            {
                Assert.Equal("\r\n", text[(lineEnd + 2)..]);
                break;
            }

            Assert.True(size <= 100);
            gzip.AddRange(response.AsSpan(lineEnd + 2, size).ToArray());
            at = lineEnd + 2 + size + 2;
        }

        using var decompressed = new MemoryStream();
        using (var stream = new GZipStream(new MemoryStream([.. gzip]), CompressionMode.Decompress))
        {
            stream.CopyTo(decompressed);
        }

        Assert.Equal(body, decompressed.ToArray());
    }

    [Fact]
    public void FormBody_EscapesReservedCharacters()
    {
        Assert.Equal("a=1+2&b=x%26y%3Dz", HttpMessageBuilder.FormBody([new("a", "1 2"), new("b", "x&y=z")]));
    }

    [Fact]
    public void Exchanges_JsonFormGzipChunked_TsharkDecodesRequestsAndBodies()
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.File("http.pcap");
        var json = "{\"lat\":48.137154,\"lon\":11.576124}";
        var form = HttpMessageBuilder.FormBody([new("device_id", "02:00:5e:10:00:05"), new("event", "open")]);
        TestCaptures.WriteTcp(path, 80,
        [
            (true, HttpMessageBuilder.Request(new HttpRequestSpec { Method = "POST", Host = "gps.kidwatch-cloud.example", Path = "/api/v1/location", ContentType = "application/json", Body = Encoding.UTF8.GetBytes(json) })),
            (false, HttpMessageBuilder.Response(new HttpResponseSpec { Body = "{\"ok\":true}"u8.ToArray() })),
            (true, HttpMessageBuilder.Request(new HttpRequestSpec { Method = "POST", Host = "gps.kidwatch-cloud.example", Path = "/form", ContentType = "application/x-www-form-urlencoded", Body = Encoding.UTF8.GetBytes(form), Gzip = true, Chunked = true, ChunkSize = 16 })),
            (false, HttpMessageBuilder.Response(new HttpResponseSpec { StatusCode = 204, ContentType = null })),
            (true, HttpMessageBuilder.Request(new HttpRequestSpec { Host = "gps.kidwatch-cloud.example", Path = "/big" })),
            (false, HttpMessageBuilder.Response(new HttpResponseSpec { Body = Encoding.UTF8.GetBytes(new string('x', 20_000)), Gzip = true, Chunked = true, ContentType = "text/plain" })),
        ]);

        Assert.Empty(TestCaptures.Problems(path));
        var requests = Tshark.Fields(path, ["http.request.method", "http.host", "http.request.uri", "http.file_data"], "http.request");
        Assert.Equal(
            [
                ["POST", "gps.kidwatch-cloud.example", "/api/v1/location", json],
                ["POST", "gps.kidwatch-cloud.example", "/form", form],
                ["GET", "gps.kidwatch-cloud.example", "/big", ""],
            ],
            requests);
        var responses = Tshark.Fields(path, ["http.response.code", "http.content_length_header", "http.file_data"], "http.response");
        Assert.Equal(["200", "204", "200"], responses.Select(r => r[0]));
        Assert.Equal(new string('x', 20_000), responses[2][2]);
    }
}
