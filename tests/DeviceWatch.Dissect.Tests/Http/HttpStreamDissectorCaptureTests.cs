using System.Text;
using DeviceWatch.Dissect.Common;
using DeviceWatch.Dissect.Http;
using HttpRequestMessage = DeviceWatch.Dissect.Http.HttpRequestMessage;
using HttpResponseMessage = DeviceWatch.Dissect.Http.HttpResponseMessage;

namespace DeviceWatch.Dissect.Tests.Http;

/// <summary>Real traffic: public captures and live loopback captures of curl against python's http.server.</summary>
public sealed class HttpStreamDissectorCaptureTests
{
    public static TheoryData<string> CaptureNames =>
        [.. typeof(HttpCaptures).GetProperties().Where(p => p.PropertyType == typeof(HttpTranscript)).Select(p => p.Name)];

    private static HttpTranscript Capture(string name) =>
        (HttpTranscript)typeof(HttpCaptures).GetProperty(name)!.GetValue(null)!;

    [Theory]
    [MemberData(nameof(CaptureNames))]
    public void Capture_SplitAtEveryOffsetAndByteByByte_SameFacts(string name)
    {
        var sink = HttpFeeder.AssertSplitInvariant(Capture(name));
        Assert.NotEmpty(sink.Facts);
    }

    [Theory]
    [MemberData(nameof(CaptureNames))]
    public void Capture_Whole_NoAnomaliesAndEveryResponsePaired(string name)
    {
        var sink = HttpFeeder.Feed(Capture(name));
        Assert.Empty(sink.Anomalies);
        Assert.All(sink.Facts.OfType<HttpResponseMessage>(), response => Assert.NotNull(response.Request));
        var requests = sink.Facts.OfType<HttpRequestMessage>().ToList();
        Assert.Equal(Enumerable.Range(0, requests.Count), requests.Select(r => r.Sequence));
    }

    [Theory]
    [MemberData(nameof(CaptureNames))]
    public void Capture_TruncatedAtEveryLength_NoExceptionAndRequestsArePrefix(string name) =>
        HttpFeeder.AssertTruncationSafe(Capture(name));

    [Fact]
    public void ZeekGet_ContentLengthBodyOverSegments_PairedWithGet()
    {
        var sink = HttpFeeder.Feed(HttpCaptures.ZeekGet);
        var request = Assert.IsType<HttpRequestMessage>(sink.Facts[0]);
        var response = Assert.IsType<HttpResponseMessage>(sink.Facts[1]);
        Assert.Equal(("GET", "/download/CHANGES.bro-aux.txt", "1.1", "bro.org"), (request.Method, request.Target, request.Version, request.Host));
        Assert.Equal("Wget/1.14 (darwin12.2.0)", request.Header("user-agent"));
        Assert.Equal((200, "OK", 4705L, 4705), (response.Status, response.Reason, response.BodyLength, response.Body.Length));
        Assert.False(response.BodyTruncated);
        Assert.Same(request, response.Request);
        Assert.StartsWith("\n0.26 | 2012-08-24", HttpFeeder.Text(response.Body));
    }

    [Fact]
    public void ZeekPost_StatusLineInOwnSegment_FormBodyKept()
    {
        var sink = HttpFeeder.Feed(HttpCaptures.ZeekPost);
        var request = Assert.IsType<HttpRequestMessage>(sink.Facts[0]);
        var response = Assert.IsType<HttpResponseMessage>(sink.Facts[1]);
        Assert.Equal("hello world", HttpFeeder.Text(request.Body));
        Assert.Equal("httpbin.org", request.Host);
        Assert.Equal(366, response.BodyLength);
        Assert.Contains("\"form\"", HttpFeeder.Text(response.Body));
    }

    [Fact]
    public void ZeekMultipart_NoResponseCaptured_RequestEmittedUnpaired()
    {
        var sink = HttpFeeder.Feed(HttpCaptures.ZeekMultipart);
        var request = Assert.IsType<HttpRequestMessage>(Assert.Single(sink.Facts));
        Assert.Equal(767, request.BodyLength);
        Assert.StartsWith("------WebKitFormBoundaryBtaeRs4vBuzQzpSa", HttpFeeder.Text(request.Body));
        Assert.StartsWith("multipart/form-data", request.Header("Content-Type"));
    }

    [Fact]
    public void NdpiAuth_ChunkedResponseOverManySegments_DechunkedBody()
    {
        var sink = HttpFeeder.Feed(HttpCaptures.NdpiAuth);
        var request = Assert.IsType<HttpRequestMessage>(sink.Facts[0]);
        var response = Assert.IsType<HttpResponseMessage>(Assert.Single(sink.Facts, f => f is HttpResponseMessage));
        Assert.Equal("Basic dGVzdDpmYWlsMg==", request.Header("Authorization"));
        Assert.Equal(401, response.Status);
        Assert.Equal("Authorization Required", response.Reason);
        Assert.Equal(17134, response.BodyLength);
        var html = HttpFeeder.Text(response.Body);
        Assert.DoesNotContain("\r\n2d84\r\n", html);
        Assert.Contains("</html>", html);
    }

    [Fact]
    public void ZeekWebSocket_101SwitchingProtocols_StopsParsingWithoutAnomalies()
    {
        var dissector = new HttpStreamDissector();
        var sink = new RecordingFactSink();
        var segments = HttpCaptures.ZeekWebSocket.Segments;
        dissector.OnData(segments[0].Direction, segments[0].Data, HttpFeeder.Start, sink);
        Assert.True(dissector.WantsMoreData);
        dissector.OnData(segments[1].Direction, segments[1].Data, HttpFeeder.Start, sink);
        Assert.False(dissector.WantsMoreData);
        foreach (var segment in segments.Skip(2))
        {
            dissector.OnData(segment.Direction, segment.Data, HttpFeeder.Start, sink);
        }

        dissector.OnEnd(HttpFeeder.Start, sink);
        Assert.Empty(sink.Anomalies);
        Assert.Equal(2, sink.Facts.Count);
        var response = Assert.IsType<HttpResponseMessage>(sink.Facts[1]);
        Assert.Equal(101, response.Status);
        Assert.Equal("websocket", response.Request!.Header("Upgrade"));
    }

    [Fact]
    public void AriaRegister_KeepAliveDeviceRequests_QueryAndEmptyChunkedBody()
    {
        var sink = HttpFeeder.Feed(HttpCaptures.AriaRegister);
        var requests = sink.Facts.OfType<HttpRequestMessage>().ToList();
        var responses = sink.Facts.OfType<HttpResponseMessage>().ToList();
        Assert.Equal(2, requests.Count);
        Assert.Contains("serialNumber=20F85ECA9152", requests[0].Target);
        Assert.Equal("www.fitbit.com", requests[1].Host);
        Assert.Equal(0, responses[0].BodyLength);
        Assert.Equal("T", HttpFeeder.Text(responses[1].Body));
        Assert.Same(requests[1], responses[1].Request);
    }

    [Fact]
    public void AriaUpload_BinaryBody_KeptExactly()
    {
        var sink = HttpFeeder.Feed(HttpCaptures.AriaUpload);
        var request = Assert.IsType<HttpRequestMessage>(sink.Facts[0]);
        Assert.Equal(48, request.Body.Length);
        Assert.Equal(new byte[] { 0x03, 0x00, 0x00, 0x00, 0x54 }, request.Body[..5].ToArray());
        Assert.Equal(104, Assert.IsType<HttpResponseMessage>(sink.Facts[1]).BodyLength);
    }

    [Fact]
    public void WithingsSession_100ContinueSkipped_FinalResponsePaired()
    {
        var sink = HttpFeeder.Feed(HttpCaptures.WithingsSession);
        var responses = sink.Facts.OfType<HttpResponseMessage>().ToList();
        Assert.Equal(5, responses.Count);
        Assert.DoesNotContain(responses, r => r.Status == 100);
        var maint = responses.Single(r => r.Request!.Target == "/cgi-bin/maint");
        Assert.Equal(4641, maint.Request!.BodyLength);
        Assert.StartsWith("action=store&sessionid=", HttpFeeder.Text(maint.Request.Body));
        Assert.Equal([0, 1, 2, 3, 4], responses.Select(r => r.Request!.Sequence));
    }

    [Fact]
    public void LiveKeepAlive_TwoExchangesOnOneConnection_PairedInOrder()
    {
        var sink = HttpFeeder.Feed(HttpCaptures.LiveKeepAlive);
        var responses = sink.Facts.OfType<HttpResponseMessage>().ToList();
        Assert.Equal(["/a.txt", "/b.txt"], responses.Select(r => r.Request!.Target));
        Assert.StartsWith("resource /b.txt", HttpFeeder.Text(responses[1].Body));
    }

    [Theory]
    [InlineData(nameof(HttpCaptures.LiveGzip), "gzip", "gzip body: ")]
    [InlineData(nameof(HttpCaptures.LiveDeflate), "deflate", "deflate body: ")]
    public void LiveCompressed_ContentEncoding_DecodedIntoBody(string name, string encoding, string prefix)
    {
        var sink = HttpFeeder.Feed(Capture(name));
        var response = Assert.IsType<HttpResponseMessage>(sink.Facts[1]);
        Assert.Equal(encoding, response.DecodedContentEncoding);
        Assert.Equal(int.Parse(response.Header("Content-Length")!), response.BodyLength);
        Assert.Equal(prefix + string.Concat(Enumerable.Repeat("hello world ", 50)), HttpFeeder.Text(response.Body));
        Assert.False(response.BodyTruncated);
    }

    [Fact]
    public void LiveChunkedUpload_ChunkedRequestBody_Dechunked()
    {
        var sink = HttpFeeder.Feed(HttpCaptures.LiveChunkedUpload);
        var request = Assert.IsType<HttpRequestMessage>(sink.Facts[0]);
        var response = Assert.IsType<HttpResponseMessage>(sink.Facts[1]);
        Assert.Equal(4053, request.BodyLength);
        Assert.Equal("received 4053 bytes", HttpFeeder.Text(response.Body));
        Assert.DoesNotContain((byte)'\r', request.Body.ToArray());
    }

    [Fact]
    public void LiveExpectContinue_InterimSkipped_BodyAfterContinue()
    {
        var sink = HttpFeeder.Feed(HttpCaptures.LiveExpectContinue);
        Assert.Equal(2, sink.Facts.Count);
        var response = Assert.IsType<HttpResponseMessage>(sink.Facts[1]);
        Assert.Equal(201, response.Status);
        Assert.Equal(4053, response.Request!.BodyLength);
    }

    [Fact]
    public void LiveHead_ContentLengthWithoutBody_NextMessageNotSwallowed()
    {
        var sink = HttpFeeder.Feed(HttpCaptures.LiveHead);
        var response = Assert.IsType<HttpResponseMessage>(sink.Facts[1]);
        Assert.Equal("48", response.Header("Content-Length"));
        Assert.Equal(0, response.BodyLength);
        Assert.Empty(sink.Anomalies);
    }

    [Fact]
    public void LiveNoContentNotModified_NoBodies()
    {
        var sink = HttpFeeder.Feed(HttpCaptures.LiveNoContentNotModified);
        var responses = sink.Facts.OfType<HttpResponseMessage>().ToList();
        Assert.Equal([204, 304], responses.Select(r => r.Status));
        Assert.All(responses, r => Assert.Equal(0, r.BodyLength));
    }

    [Fact]
    public void LiveChunkedTrailers_ExtensionsIgnoredTrailersKept()
    {
        var sink = HttpFeeder.Feed(HttpCaptures.LiveChunkedTrailers);
        var response = Assert.IsType<HttpResponseMessage>(sink.Facts[1]);
        Assert.Equal("{\"lat\":48.8566,\"lon\":2.3522,\"imei\":\"356938035643809\"}", HttpFeeder.Text(response.Body));
        Assert.Equal(new HttpHeader("X-Checksum", "abc123"), Assert.Single(response.Trailers));
        Assert.Null(response.Header("X-Checksum"));
    }

    [Fact]
    public void LiveUntilClose_ResponseWithoutLength_EmittedAtEnd()
    {
        var withoutEnd = HttpFeeder.Feed(HttpCaptures.LiveUntilClose, end: false);
        Assert.Single(withoutEnd.Facts);
        var sink = HttpFeeder.Feed(HttpCaptures.LiveUntilClose);
        var response = Assert.IsType<HttpResponseMessage>(sink.Facts[1]);
        Assert.Equal(480, response.BodyLength);
        Assert.Equal(Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("body delimited by close\n", 20))), response.Body.ToArray());
        Assert.Empty(sink.Anomalies);
    }

    [Fact]
    public void LivePipelined_ThreeRequestsBeforeResponses_FifoPairingAndHeadWithoutBody()
    {
        var sink = HttpFeeder.Feed(HttpCaptures.LivePipelined);
        Assert.Equal(["GET /one", "GET /two", "HEAD /three"],
            sink.Facts.Take(3).Cast<HttpRequestMessage>().Select(r => r.Method + " " + r.Target));
        var responses = sink.Facts.Skip(3).Cast<HttpResponseMessage>().ToList();
        Assert.Equal(["/one", "/two", "/three"], responses.Select(r => r.Request!.Target));
        Assert.Equal([42L, 42L, 0L], responses.Select(r => r.BodyLength));
    }
}
