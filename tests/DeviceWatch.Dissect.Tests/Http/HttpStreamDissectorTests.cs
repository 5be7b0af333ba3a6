using System.IO.Compression;
using System.Text;
using DeviceWatch.Dissect.Common;
using DeviceWatch.Dissect.Http;
using HttpRequestMessage = DeviceWatch.Dissect.Http.HttpRequestMessage;
using HttpResponseMessage = DeviceWatch.Dissect.Http.HttpResponseMessage;

namespace DeviceWatch.Dissect.Tests.Http;

/// <summary>Edge cases as small hand-made streams; every one is also fed split at every offset and byte by byte.</summary>
public sealed class HttpStreamDissectorTests
{
    private const FlowDirection O = FlowDirection.FromOriginator;
    private const FlowDirection R = FlowDirection.FromResponder;

    private static HttpSegment Seg(FlowDirection direction, string text) => new(direction, Encoding.Latin1.GetBytes(text));

    private static HttpSegment Seg(FlowDirection direction, string head, byte[] body) =>
        new(direction, [.. Encoding.Latin1.GetBytes(head), .. body]);

    private static RecordingFactSink Run(DissectorLimits? limits, params HttpSegment[] segments) =>
        HttpFeeder.AssertSplitInvariant(new HttpTranscript(segments), limits);

    private static RecordingFactSink Run(params HttpSegment[] segments) => Run(null, segments);

    private static byte[] Compress(string coding, byte[] data)
    {
        using var output = new MemoryStream();
        using (Stream encoder = coding switch
        {
            "gzip" => new GZipStream(output, CompressionLevel.Optimal),
            "zlib" => new ZLibStream(output, CompressionLevel.Optimal),
            "raw" => new DeflateStream(output, CompressionLevel.Optimal),
            _ => new BrotliStream(output, CompressionLevel.Optimal),
        })
        {
            encoder.Write(data);
        }

        return output.ToArray();
    }

    private static readonly byte[] _json = Encoding.ASCII.GetBytes(
        "{\"imei\":\"356938035643809\",\"lat\":48.85661,\"lon\":2.35222,\"steps\":[" + string.Join(",", Enumerable.Range(0, 200)) + "]}");

    [Theory]
    [InlineData("gzip", "gzip", "gzip")]
    [InlineData("zlib", "deflate", "deflate")]
    [InlineData("raw", "deflate", "deflate")]
    [InlineData("br", "br", "br")]
    [InlineData("gzip", "x-gzip", "gzip")]
    public void Response_ContentEncoded_DecodedBodyAndWireLength(string compressor, string header, string decoded)
    {
        var compressed = Compress(compressor, _json);
        var sink = Run(
            Seg(O, "GET /data HTTP/1.1\r\nHost: cloud.example\r\nAccept-Encoding: gzip, deflate, br\r\n\r\n"),
            Seg(R, $"HTTP/1.1 200 OK\r\nContent-Encoding: {header}\r\nContent-Length: {compressed.Length}\r\n\r\n", compressed));
        var response = Assert.IsType<HttpResponseMessage>(sink.Facts[1]);
        Assert.Equal(decoded, response.DecodedContentEncoding);
        Assert.Equal(compressed.Length, response.BodyLength);
        Assert.Equal(_json, response.Body.ToArray());
        Assert.False(response.BodyTruncated);
        Assert.Empty(sink.Anomalies);
    }

    [Fact]
    public void Request_GzipChunkedUpload_DecodedBody()
    {
        var compressed = Compress("gzip", _json);
        var half = compressed.Length / 2;
        var chunked = Encoding.ASCII.GetBytes($"{half:x}\r\n").Concat(compressed[..half]).Concat("\r\n"u8.ToArray())
            .Concat(Encoding.ASCII.GetBytes($"{compressed.Length - half:X};name=value\r\n")).Concat(compressed[half..])
            .Concat("\r\n0\r\nX-Sum: 1\r\n\r\n"u8.ToArray()).ToArray();
        var sink = Run(Seg(O, "POST /upload HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n", chunked));
        var request = Assert.IsType<HttpRequestMessage>(Assert.Single(sink.Facts));
        Assert.Equal(_json, request.Body.ToArray());
        Assert.Equal(compressed.Length, request.BodyLength);
        Assert.Equal("gzip", request.DecodedContentEncoding);
        Assert.Equal([new HttpHeader("X-Sum", "1")], request.Trailers);
    }

    [Fact]
    public void Response_StackedCodings_UndoneInReverseOrder()
    {
        var twice = Compress("br", Compress("gzip", _json));
        var sink = Run(
            Seg(O, "GET / HTTP/1.1\r\n\r\n"),
            Seg(R, $"HTTP/1.1 200 OK\r\nContent-Encoding: gzip, br\r\nContent-Length: {twice.Length}\r\n\r\n", twice));
        var response = Assert.IsType<HttpResponseMessage>(sink.Facts[1]);
        Assert.Equal("gzip, br", response.DecodedContentEncoding);
        Assert.Equal(_json, response.Body.ToArray());
    }

    [Fact]
    public void Response_CorruptGzip_RawKeptAndCounted()
    {
        var corrupt = Compress("gzip", _json);
        corrupt[12] ^= 0xFF;
        corrupt[13] ^= 0xFF;
        AssertRawKeptAndCounted(Respond("gzip", corrupt), corrupt);
    }

    // One GET answered with a body under the given Content-Encoding.
    private static (HttpResponseMessage Response, RecordingFactSink Sink) Respond(string contentEncoding, byte[] body)
    {
        var sink = Run(
            Seg(O, "GET / HTTP/1.1\r\n\r\n"),
            Seg(R, $"HTTP/1.1 200 OK\r\nContent-Encoding: {contentEncoding}\r\nContent-Length: {body.Length}\r\n\r\n", body));
        return (Assert.IsType<HttpResponseMessage>(sink.Facts[1]), sink);
    }

    private static void AssertRawKeptAndCounted((HttpResponseMessage Response, RecordingFactSink Sink) answer, byte[] body)
    {
        Assert.Null(answer.Response.DecodedContentEncoding);
        Assert.Equal(body, answer.Response.Body.ToArray());
        Assert.Equal([HttpAnomaly.ContentDecoding], answer.Sink.Anomalies);
    }

    [Theory]
    [InlineData("gzip", "gzip")]
    [InlineData("zlib", "deflate")]
    [InlineData("raw", "deflate")]
    [InlineData("br", "br")]
    public void Response_EveryCorruptionOfEveryCoding_NeverThrows(string coding, string header)
    {
        // Every byte of the compressed body flipped in turn: whatever each decoder raises (BrotliStream raises
        // InvalidOperationException on bad data, zlib statuses come as IOException) ends in the raw body or a prefix.
        var packed = Compress(coding, _json);
        for (var at = 0; at < packed.Length; at++)
        {
            var corrupt = packed.ToArray();
            corrupt[at] ^= 0x5A;
            var answer = Respond(header, corrupt);
            if (answer.Response.DecodedContentEncoding is null)
            {
                AssertRawKeptAndCounted(answer, corrupt);
            }
            else
            {
                Assert.Equal(header, answer.Response.DecodedContentEncoding);
            }
        }
    }

    [Fact]
    public void Response_ZlibAskingForAPresetDictionary_RawKeptAndCounted()
    {
        // 0x78 0xBB: a valid zlib header (a multiple of 31) with FDICT set, then a dictionary id. zlib answers
        // "need dictionary", which .NET raises as an IOException rather than InvalidDataException (found by the
        // mutated-capture property test).
        byte[] body = [0x78, 0xBB, 0x00, 0x00, 0x00, 0x01, 0x4B, 0x4C, 0x4A, 0x06, 0x00];
        Assert.Equal(0, ((0x78 << 8) | 0xBB) % 31);
        AssertRawKeptAndCounted(Respond("deflate", body), body);
    }

    [Fact]
    public void Response_UnknownCoding_RawKeptWithoutAnomaly()
    {
        var sink = Run(Seg(O, "GET / HTTP/1.1\r\n\r\n"), Seg(R, "HTTP/1.1 200 OK\r\nContent-Encoding: zstd\r\nContent-Length: 4\r\n\r\nabcd"));
        var response = Assert.IsType<HttpResponseMessage>(sink.Facts[1]);
        Assert.Null(response.DecodedContentEncoding);
        Assert.Equal("abcd", HttpFeeder.Text(response.Body));
        Assert.Empty(sink.Anomalies);
    }

    [Fact]
    public void Response_DecompressionBomb_DecodedSizeCapped()
    {
        var bomb = Compress("gzip", new byte[1_000_000]);
        var limits = new DissectorLimits { MaxDecodedBody = 10_000 };
        var sink = HttpFeeder.Feed(new HttpTranscript([
            Seg(O, "GET / HTTP/1.1\r\n\r\n"),
            Seg(R, $"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: {bomb.Length}\r\n\r\n", bomb)]), limits);
        var response = Assert.IsType<HttpResponseMessage>(sink.Facts[1]);
        Assert.Equal(10_000, response.Body.Length);
        Assert.True(response.BodyTruncated);
        Assert.Equal(bomb.Length, response.BodyLength);
        Assert.Equal("gzip", response.DecodedContentEncoding);
    }

    [Fact]
    public void Body_OverCaptureCap_FirstBytesKeptRestCounted()
    {
        var body = Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray();
        var limits = new DissectorLimits { MaxBodyCapture = 1000 };
        var sink = Run(limits,
            Seg(O, "POST /big HTTP/1.1\r\nContent-Length: 5000\r\n\r\n", body),
            Seg(O, "GET /after HTTP/1.1\r\n\r\n"),
            Seg(R, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1388\r\n", body),
            Seg(R, "\r\n0\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n"));
        var big = Assert.IsType<HttpRequestMessage>(sink.Facts[0]);
        Assert.Equal(5000, big.BodyLength);
        Assert.Equal(body[..1000], big.Body.ToArray());
        Assert.True(big.BodyTruncated);
        Assert.Equal("/after", Assert.IsType<HttpRequestMessage>(sink.Facts[1]).Target);
        var chunked = Assert.IsType<HttpResponseMessage>(sink.Facts[2]);
        Assert.Equal((5000L, 1000, true), (chunked.BodyLength, chunked.Body.Length, chunked.BodyTruncated));
        Assert.Equal(204, Assert.IsType<HttpResponseMessage>(sink.Facts[3]).Status);
        Assert.Empty(sink.Anomalies);
    }

    [Fact]
    public void Body_CompressedOverCaptureCap_DecodablePrefixKept()
    {
        var text = Encoding.ASCII.GetBytes(string.Join(" ", Enumerable.Range(0, 20000).Select(i => i * 7919 % 10007)));
        var compressed = Compress("gzip", text);
        var limits = new DissectorLimits { MaxBodyCapture = compressed.Length / 2 };
        var sink = HttpFeeder.Feed(new HttpTranscript([
            Seg(O, "GET / HTTP/1.1\r\n\r\n"),
            Seg(R, $"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: {compressed.Length}\r\n\r\n", compressed)]), limits);
        var response = Assert.IsType<HttpResponseMessage>(sink.Facts[1]);
        Assert.True(response.BodyTruncated);
        Assert.Equal(compressed.Length, response.BodyLength);
        Assert.Equal("gzip", response.DecodedContentEncoding);
        Assert.InRange(response.Body.Length, 1, text.Length - 1);
        Assert.Equal(text[..response.Body.Length], response.Body.ToArray());
    }

    [Fact]
    public void Head_OverMaxHeaderBytes_DirectionGivenUpOtherContinues()
    {
        var limits = new DissectorLimits { MaxHeaderBytes = 200 };
        var sink = Run(limits,
            Seg(O, "GET /a HTTP/1.1\r\nCookie: " + new string('x', 300) + "\r\n\r\nGET /b HTTP/1.1\r\n\r\n"),
            Seg(R, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
        Assert.Equal([HttpAnomaly.HeaderTooLarge], sink.Anomalies);
        var response = Assert.IsType<HttpResponseMessage>(Assert.Single(sink.Facts));
        Assert.Null(response.Request);
    }

    [Fact]
    public void Head_ExactlyMaxHeaderBytes_Accepted()
    {
        const string head = "GET / HTTP/1.1\r\nX: 12345\r\n\r\n";
        var sink = Run(new DissectorLimits { MaxHeaderBytes = head.Length }, Seg(O, head + head));
        Assert.Equal(2, sink.Facts.Count);
        Assert.Empty(sink.Anomalies);
        var over = Run(new DissectorLimits { MaxHeaderBytes = head.Length - 1 }, Seg(O, head));
        Assert.Equal([HttpAnomaly.HeaderTooLarge], over.Anomalies);
    }

    [Fact]
    public void Head_MoreThanMaxHeaderCount_GivenUp()
    {
        var limits = new DissectorLimits { MaxHeaderCount = 3 };
        var ok = Run(limits, Seg(O, "GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n"));
        Assert.Single(ok.Facts);
        var over = Run(limits, Seg(O, "GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n"));
        Assert.Equal([HttpAnomaly.TooManyHeaders], over.Anomalies);
        Assert.Empty(over.Facts);
    }

    [Theory]
    [InlineData("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03")]
    [InlineData("GET /\r\n\r\n")]
    [InlineData("GET / HTTP/2.0\r\n\r\n")]
    [InlineData("GET  HTTP/1.1\r\n\r\n")]
    [InlineData("G(T / HTTP/1.1\r\n\r\n")]
    [InlineData(" GET / HTTP/1.1\r\n\r\n")]
    [InlineData("GET /a b HTTP/1.1\r\n\r\n")]
    [InlineData("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")]
    public void RequestLine_Garbage_CountedAndDirectionGivenUp(string text)
    {
        var sink = Run(Seg(O, text + "GET /later HTTP/1.1\r\n\r\n"));
        Assert.Equal([HttpAnomaly.BadRequestLine], sink.Anomalies);
        Assert.Empty(sink.Facts);
    }

    [Theory]
    [InlineData("HTTP/1.1 20 OK\r\n\r\n")]
    [InlineData("HTTP/2 200 OK\r\n\r\n")]
    [InlineData("ICY 200 OK\r\n\r\n")]
    [InlineData("HTTP/1.1 200OK\r\n\r\n")]
    [InlineData("HTTP/1.1 099 X\r\n\r\n")]
    public void StatusLine_Garbage_CountedRequestStillEmitted(string text)
    {
        var sink = Run(Seg(O, "GET / HTTP/1.1\r\n\r\n"), Seg(R, text));
        Assert.Equal([HttpAnomaly.BadStatusLine], sink.Anomalies);
        Assert.IsType<HttpRequestMessage>(Assert.Single(sink.Facts));
    }

    [Fact]
    public void StatusLine_NoReasonPhrase_Accepted()
    {
        var sink = Run(Seg(O, "GET / HTTP/1.0\r\n\r\n"), Seg(R, "HTTP/1.0 404\r\nContent-Length: 0\r\n\r\n"));
        var response = Assert.IsType<HttpResponseMessage>(sink.Facts[1]);
        Assert.Equal((404, "", "1.0"), (response.Status, response.Reason, response.Version));
    }

    [Fact]
    public void ContentLength_Conflicting_CountedAndGivenUp()
    {
        var sink = Run(Seg(O, "POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd"));
        Assert.Equal([HttpAnomaly.ConflictingContentLength], sink.Anomalies);
        Assert.Empty(sink.Facts);
    }

    [Fact]
    public void ContentLength_RepeatedSameValue_Accepted()
    {
        var sink = Run(Seg(O, "POST / HTTP/1.1\r\nContent-Length: 4, 4\r\nContent-Length: 4\r\n\r\nabcd"));
        Assert.Equal("abcd", HttpFeeder.Text(Assert.IsType<HttpRequestMessage>(Assert.Single(sink.Facts)).Body));
        Assert.Empty(sink.Anomalies);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("0x10")]
    [InlineData("")]
    [InlineData("99999999999999999999")]
    public void ContentLength_NotANumber_Counted(string value)
    {
        var sink = Run(Seg(O, $"POST / HTTP/1.1\r\nContent-Length: {value}\r\n\r\n"));
        Assert.Equal([HttpAnomaly.BadContentLength], sink.Anomalies);
    }

    [Fact]
    public void TransferEncoding_WithContentLength_ChunkedWins()
    {
        var sink = Run(Seg(O, "POST / HTTP/1.1\r\nContent-Length: 100\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\nGET /next HTTP/1.1\r\n\r\n"));
        Assert.Equal(["abc", ""], sink.Facts.Cast<HttpRequestMessage>().Select(r => HttpFeeder.Text(r.Body)));
        Assert.Empty(sink.Anomalies);
    }

    [Fact]
    public void TransferEncoding_RequestNotEndingInChunked_Counted()
    {
        var sink = Run(Seg(O, "POST / HTTP/1.1\r\nTransfer-Encoding: chunked, gzip\r\n\r\n"));
        Assert.Equal([HttpAnomaly.BadTransferEncoding], sink.Anomalies);
    }

    [Fact]
    public void TransferEncoding_ResponseNotChunked_ReadUntilClose()
    {
        var sink = Run(Seg(O, "GET / HTTP/1.1\r\n\r\n"), Seg(R, "HTTP/1.1 200 OK\r\nTransfer-Encoding: identity\r\n\r\nall of it"));
        Assert.Equal("all of it", HttpFeeder.Text(Assert.IsType<HttpResponseMessage>(sink.Facts[1]).Body));
    }

    [Theory]
    [InlineData("zz\r\n")]
    [InlineData("3\r\nabcX\r\n")]
    [InlineData("1234567890123456\r\n")]
    [InlineData("3 junk\r\n")]
    public void Chunked_Malformed_Counted(string chunks)
    {
        var sink = Run(Seg(O, "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks));
        Assert.Equal([HttpAnomaly.BadChunk], sink.Anomalies);
        Assert.Empty(sink.Facts);
    }

    [Fact]
    public void Headers_ObsFoldBareLfAndLatin1_Tolerated()
    {
        var sink = Run(Seg(O, "\r\nGET / HTTP/1.1\nHost: h\nX-Long: one\r\n  two\r\n\tthree\nX-Name: Ren\u00e9e\r\nNo colon here\r\nSpaced : v\r\n\r\n"));
        var request = Assert.IsType<HttpRequestMessage>(Assert.Single(sink.Facts));
        Assert.Equal("one two three", request.Header("x-long"));
        Assert.Equal("Ren\u00e9e", request.Header("X-Name"));
        Assert.Equal("v", request.Header("Spaced"));
        Assert.Equal([HttpAnomaly.BadHeader], sink.Anomalies);
    }

    [Theory]
    [InlineData("GET http://device.example:8080/x?y HTTP/1.1", "device.example:8080")]
    [InlineData("GET http://user:pw@device.example/x HTTP/1.1", "device.example")]
    [InlineData("CONNECT tunnel.example:443 HTTP/1.1", "tunnel.example:443")]
    [InlineData("GET /relative HTTP/1.0", null)]
    public void Host_WithoutHostHeader_FromTargetAuthority(string requestLine, string? host)
    {
        var sink = Run(Seg(O, requestLine + "\r\n\r\n"));
        Assert.Equal(host, Assert.IsType<HttpRequestMessage>(Assert.Single(sink.Facts)).Host);
    }

    [Fact]
    public void Host_HeaderPresent_HeaderWins()
    {
        var sink = Run(Seg(O, "GET http://a.example/ HTTP/1.1\r\nHost: b.example\r\n\r\n"));
        Assert.Equal("b.example", Assert.IsType<HttpRequestMessage>(Assert.Single(sink.Facts)).Host);
    }

    [Fact]
    public void Connect_200_TunnelNotParsed()
    {
        var dissector = new HttpStreamDissector();
        var sink = new RecordingFactSink();
        dissector.OnData(O, "CONNECT api.example:443 HTTP/1.1\r\nHost: api.example:443\r\n\r\n\x16\x03\x01"u8, HttpFeeder.Start, sink);
        Assert.True(dissector.WantsMoreData);
        dissector.OnData(R, "HTTP/1.1 200 Connection established\r\n\r\n\x16\x03\x03\x00"u8, HttpFeeder.Start, sink);
        Assert.False(dissector.WantsMoreData);
        dissector.OnData(O, "\x00\x10garbage"u8, HttpFeeder.Start, sink);
        dissector.OnGap(R, 100, HttpFeeder.Start, sink);
        dissector.OnEnd(HttpFeeder.Start, sink);
        Assert.Empty(sink.Anomalies);
        var response = Assert.IsType<HttpResponseMessage>(sink.Facts[1]);
        Assert.Equal("CONNECT", response.Request!.Method);
        var split = Run(
            Seg(O, "CONNECT api.example:443 HTTP/1.1\r\n\r\n\x16\x03\x01\x00\x05hello"),
            Seg(R, "HTTP/1.1 200 OK\r\n\r\n\x16\x03\x03"),
            Seg(O, "\x17\x03\x03 more"));
        Assert.Equal(2, split.Facts.Count);
        Assert.Empty(split.Anomalies);
    }

    [Fact]
    public void Connect_Refused_HeldBytesParsedAsHttp()
    {
        var sink = Run(
            Seg(O, "CONNECT api.example:443 HTTP/1.1\r\n\r\nGET /after HTTP/1.1\r\nHost: a\r\n\r\n"),
            Seg(R, "HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx"));
        Assert.Empty(sink.Anomalies);
        Assert.Equal(["CONNECT", "GET"], sink.Facts.OfType<HttpRequestMessage>().Select(r => r.Method));
        Assert.Equal([(407, "CONNECT"), (200, "GET")],
            sink.Facts.OfType<HttpResponseMessage>().Select(r => (r.Status, r.Request!.Method)));
    }

    [Fact]
    public void Upgrade_IgnoredByServer_KeepsParsingHttp()
    {
        var sink = Run(
            Seg(O, "GET /chat HTTP/1.1\r\nUpgrade: h2c\r\nConnection: Upgrade\r\n\r\n"),
            Seg(R, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"),
            Seg(O, "GET /next HTTP/1.1\r\n\r\n"),
            Seg(R, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
        Assert.Empty(sink.Anomalies);
        Assert.Equal([0, 1], sink.Facts.OfType<HttpResponseMessage>().Select(r => r.Request!.Sequence));
    }

    [Fact]
    public void Upgrade_101_NothingAfterwardCounted()
    {
        var sink = Run(
            Seg(O, "GET /ws HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"),
            Seg(R, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n\x81\x05hello"),
            Seg(O, "\x81\x85\x00\x00\x00\x00hello"));
        Assert.Empty(sink.Anomalies);
        Assert.Equal(101, Assert.IsType<HttpResponseMessage>(sink.Facts[1]).Status);
    }

    [Fact]
    public void Interim_100And103_SkippedNotPaired()
    {
        var sink = Run(
            Seg(O, "POST /u HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n"),
            Seg(R, "HTTP/1.1 100 Continue\r\n\r\n"),
            Seg(O, "abc"),
            Seg(R, "HTTP/1.1 103 Early Hints\r\nLink: </s.css>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
        Assert.Equal(2, sink.Facts.Count);
        Assert.Equal(200, Assert.IsType<HttpResponseMessage>(sink.Facts[1]).Status);
        Assert.Equal("abc", HttpFeeder.Text(((HttpResponseMessage)sink.Facts[1]).Request!.Body));
    }

    [Fact]
    public void EarlyResponse_BeforeRequestBodyEnds_EmittedAfterRequestAndPaired()
    {
        var sink = Run(
            Seg(O, "POST /u HTTP/1.1\r\nContent-Length: 6\r\n\r\nabc"),
            Seg(R, "HTTP/1.1 413 Payload Too Large\r\nContent-Length: 0\r\n\r\n"),
            Seg(O, "def"));
        Assert.Equal(2, sink.Facts.Count);
        var response = Assert.IsType<HttpResponseMessage>(sink.Facts[1]);
        Assert.Equal("abcdef", HttpFeeder.Text(response.Request!.Body));
        Assert.Equal(HttpFeeder.Start.AddSeconds(1), response.Timestamp);
    }

    [Fact]
    public void EarlyResponse_RequestNeverCompletes_EmittedUnpairedAtEnd()
    {
        var sink = Run(
            Seg(O, "POST /u HTTP/1.1\r\nContent-Length: 600\r\n\r\nabc"),
            Seg(R, "HTTP/1.1 413 Payload Too Large\r\nContent-Length: 0\r\n\r\n"));
        Assert.Equal([HttpAnomaly.Truncated], sink.Anomalies);
        var response = Assert.IsType<HttpResponseMessage>(Assert.Single(sink.Facts));
        Assert.Null(response.Request);
    }

    [Fact]
    public void Response_WithoutSeenRequest_Unpaired()
    {
        var sink = Run(Seg(R, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhiHTTP/1.1 304 Not Modified\r\n\r\n"));
        Assert.All(sink.Facts.Cast<HttpResponseMessage>(), r => Assert.Null(r.Request));
        Assert.Equal(2, sink.Facts.Count);
    }

    [Fact]
    public void End_InsideMessages_CountedTruncated()
    {
        var sink = Run(Seg(O, "GET / HTTP/1.1\r\nHost: h\r\n"), Seg(R, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"));
        Assert.Equal([HttpAnomaly.Truncated, HttpAnomaly.Truncated], sink.Anomalies);
        Assert.Empty(sink.Facts);
    }

    [Fact]
    public void End_RequestUnanswered_NotPairedNoAnomaly()
    {
        var sink = Run(Seg(O, "GET /1 HTTP/1.1\r\n\r\nGET /2 HTTP/1.1\r\n\r\n"), Seg(R, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
        Assert.Empty(sink.Anomalies);
        Assert.Equal("/1", Assert.Single(sink.Facts.OfType<HttpResponseMessage>()).Request!.Target);
    }

    [Fact]
    public void Gap_InsideContentLengthBody_SkippedAndNextMessageParsed()
    {
        foreach (var byteByByte in new[] { false, true })
        {
            var dissector = new HttpStreamDissector();
            var sink = new RecordingFactSink();
            void Send(FlowDirection direction, string text)
            {
                var bytes = Encoding.Latin1.GetBytes(text);
                if (!byteByByte)
                {
                    dissector.OnData(direction, bytes, HttpFeeder.Start, sink);
                    return;
                }

                foreach (var b in bytes)
                {
                    dissector.OnData(direction, [b], HttpFeeder.Start, sink);
                }
            }

            Send(O, "POST /u HTTP/1.1\r\nContent-Length: 10\r\n\r\nab");
            dissector.OnGap(O, 6, HttpFeeder.Start, sink);
            Send(O, "yzGET /next HTTP/1.1\r\n\r\n");
            Send(R, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab");
            dissector.OnGap(R, 2, HttpFeeder.Start, sink);
            Send(R, "e\r\n0\r\n\r\n");
            dissector.OnEnd(HttpFeeder.Start, sink);

            Assert.Empty(sink.Anomalies);
            var post = Assert.IsType<HttpRequestMessage>(sink.Facts[0]);
            Assert.Equal((10L, "ab", true), (post.BodyLength, HttpFeeder.Text(post.Body), post.BodyTruncated));
            Assert.Equal("/next", Assert.IsType<HttpRequestMessage>(sink.Facts[1]).Target);
            var response = Assert.IsType<HttpResponseMessage>(sink.Facts[2]);
            Assert.Equal((5L, "ab", true), (response.BodyLength, HttpFeeder.Text(response.Body), response.BodyTruncated));
        }
    }

    [Fact]
    public void Gap_OutsideBody_DirectionGivenUp()
    {
        var dissector = new HttpStreamDissector();
        var sink = new RecordingFactSink();
        dissector.OnData(O, "GET / HTTP/1.1\r\nHo"u8, HttpFeeder.Start, sink);
        dissector.OnGap(O, 10, HttpFeeder.Start, sink);
        dissector.OnData(O, "GET /x HTTP/1.1\r\n\r\n"u8, HttpFeeder.Start, sink);
        dissector.OnData(R, "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nab"u8, HttpFeeder.Start, sink);
        dissector.OnGap(R, 5, HttpFeeder.Start, sink);
        Assert.False(dissector.WantsMoreData);
        dissector.OnEnd(HttpFeeder.Start, sink);
        Assert.Equal([HttpAnomaly.Gap, HttpAnomaly.Gap], sink.Anomalies);
        var response = Assert.IsType<HttpResponseMessage>(Assert.Single(sink.Facts));
        Assert.True(response.BodyTruncated);
        Assert.Null(response.Request);
    }

    [Fact]
    public void Gap_InBodyUntilClose_CountedIntoLength()
    {
        var dissector = new HttpStreamDissector();
        var sink = new RecordingFactSink();
        dissector.OnData(R, "HTTP/1.0 200 OK\r\n\r\nabc"u8, HttpFeeder.Start, sink);
        dissector.OnGap(R, 100, HttpFeeder.Start, sink);
        dissector.OnData(R, "xyz"u8, HttpFeeder.Start, sink);
        dissector.OnEnd(HttpFeeder.Start, sink);
        var response = Assert.IsType<HttpResponseMessage>(Assert.Single(sink.Facts));
        Assert.Equal((106L, "abc", true), (response.BodyLength, HttpFeeder.Text(response.Body), response.BodyTruncated));
        Assert.Empty(sink.Anomalies);
    }

    [Fact]
    public void Pipelining_TooManyUnanswered_PairingStopsOnce()
    {
        var requests = string.Concat(Enumerable.Range(0, HttpStreamDissector.MaxUnanswered + 5).Select(i => $"GET /{i} HTTP/1.1\r\n\r\n"));
        var sink = HttpFeeder.Feed(new HttpTranscript([Seg(O, requests), Seg(R, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")]));
        Assert.Equal([HttpAnomaly.UnansweredOverflow], sink.Anomalies);
        Assert.Equal(HttpStreamDissector.MaxUnanswered + 5, sink.Facts.OfType<HttpRequestMessage>().Count());
        Assert.Null(Assert.Single(sink.Facts.OfType<HttpResponseMessage>()).Request);
    }

    [Fact]
    public void Timestamp_IsTimeOfCompletingPacket()
    {
        var sink = HttpFeeder.Feed(new HttpTranscript([Seg(O, "POST / HTTP/1.1\r\nContent-Length: 2\r\n\r\n"), Seg(O, "a"), Seg(O, "b")]));
        Assert.Equal(HttpFeeder.Start.AddSeconds(2), Assert.Single(sink.Facts).Timestamp);
        Assert.Equal(FlowDirection.FromOriginator, sink.Facts[0].Direction);
    }
}
