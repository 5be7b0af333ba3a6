using System.Text;
using CsCheck;
using DeviceWatch.Dissect.Common;
using DeviceWatch.Dissect.Http;
using HttpRequestMessage = DeviceWatch.Dissect.Http.HttpRequestMessage;
using HttpResponseMessage = DeviceWatch.Dissect.Http.HttpResponseMessage;

namespace DeviceWatch.Dissect.Tests.Http;

/// <summary>CsCheck properties: random and mutated input never throws; generated messages round-trip at any split.</summary>
public sealed class HttpStreamDissectorPropertyTests
{
    private static readonly HttpTranscript[] _captures =
        [.. typeof(HttpCaptures).GetProperties().Select(p => (HttpTranscript)p.GetValue(null)!)];

    private static readonly DissectorLimits _small = new()
    {
        MaxHeaderBytes = 300, MaxHeaderCount = 8, MaxBodyCapture = 64, MaxDecodedBody = 128,
    };

    // Bytes that steer random input into HTTP states: start lines, separators, hex digits, controls.
    private static readonly Gen<byte> _httpish = Gen.OneOf(
        Gen.OneOfConst("GET / HTTP/1.1\r\n"u8.ToArray().Concat("HTTP/1.0 200 :;\t0123456789abcdefxX-\n"u8.ToArray()).ToArray()),
        Gen.Byte);

    private static readonly Gen<string[]> _fragments = Gen.OneOfConst(
        "GET / HTTP/1.1\r\n", "HTTP/1.1 200 OK\r\n", "HTTP/1.1 100 Continue\r\n", "HTTP/1.1 101 Switching\r\n",
        "CONNECT a:1 HTTP/1.1\r\n", "HEAD / HTTP/1.1\r\n", "Content-Length: 5\r\n", "Content-Length: 3, 4\r\n",
        "Transfer-Encoding: chunked\r\n", "Content-Encoding: gzip\r\n", "Upgrade: x\r\n", "\r\n", "5\r\n", "0\r\n",
        "abcde", " folded\r\n", "X: y\r\n", "\n", "ff;e=1\r\n").Array[0, 30];

    private static void FeedRandomly(HttpStreamDissector dissector, FlowDirection direction, byte[] data, int chunk, RecordingFactSink sink)
    {
        for (var i = 0; i < data.Length; i += chunk)
        {
            dissector.OnData(direction, data.AsSpan(i, Math.Min(chunk, data.Length - i)), HttpFeeder.Start, sink);
        }
    }

    [Fact]
    public void RandomBytes_BothDirections_NeverThrow()
    {
        Gen.Select(_httpish.Array[0, 400], _httpish.Array[0, 400], Gen.Int[1, 40], Gen.Bool)
            .Sample(t =>
            {
                var (originator, responder, chunk, small) = t;
                var dissector = new HttpStreamDissector(small ? _small : null);
                var sink = new RecordingFactSink();
                FeedRandomly(dissector, FlowDirection.FromOriginator, originator, chunk, sink);
                dissector.OnGap(FlowDirection.FromResponder, chunk, HttpFeeder.Start, sink);
                FeedRandomly(dissector, FlowDirection.FromResponder, responder, chunk, sink);
                dissector.OnEnd(HttpFeeder.Start, sink);
            }, iter: 2000);
    }

    [Fact]
    public void RandomHttpFragments_SplitAnywhere_SameFactsAsWhole()
    {
        Gen.Select(_fragments, _fragments, Gen.Int[1, 600])
            .Sample(t =>
            {
                var (requestParts, responseParts, offset) = t;
                var transcript = new HttpTranscript([
                    new HttpSegment(FlowDirection.FromOriginator, Encoding.ASCII.GetBytes(string.Concat(requestParts))),
                    new HttpSegment(FlowDirection.FromResponder, Encoding.ASCII.GetBytes(string.Concat(responseParts)))]);
                var whole = HttpFeeder.Feed(transcript, _small);
                HttpFeeder.AssertSameEvents(whole, HttpFeeder.FeedSplitAt(transcript, offset, _small), $"split at {offset}");
                HttpFeeder.AssertSameEvents(whole, HttpFeeder.FeedByteByByte(transcript, _small), "byte by byte");
            }, iter: 300);
    }

    [Fact]
    public void MutatedCaptures_NeverThrow()
    {
        Gen.Select(Gen.Int[0, _captures.Length - 1], Gen.Select(Gen.Int[0, 100_000], Gen.Byte, Gen.Int[0, 2]).Array[1, 8], Gen.Int[1, 300], Gen.Bool)
            .Sample(t =>
            {
                var (index, mutations, chunk, small) = t;
                var segments = _captures[index].Segments.Select(s => s with { Data = (byte[])s.Data.Clone() }).ToList();
                foreach (var (position, value, kind) in mutations)
                {
                    var segment = segments[position % segments.Count];
                    var at = position % Math.Max(1, segment.Data.Length);
                    var data = segment.Data.ToList();
                    switch (kind)
                    {
                        case 0 when data.Count > 0:
                            data[at] = value;
                            break;
                        case 1:
                            data.Insert(Math.Min(at, data.Count), value);
                            break;
                        case 2 when data.Count > 0:
                            data.RemoveAt(at);
                            break;
                    }

                    segments[position % segments.Count] = segment with { Data = [.. data] };
                }

                var dissector = new HttpStreamDissector(small ? _small : null);
                var sink = new RecordingFactSink();
                foreach (var segment in segments)
                {
                    FeedRandomly(dissector, segment.Direction, segment.Data, chunk, sink);
                }

                dissector.OnEnd(HttpFeeder.Start, sink);
            }, iter: 400);
    }

    private static readonly Gen<(string Method, string Path, (string Name, string Value)[] Headers, byte[] Body, int[] Chunks)> _request =
        Gen.Select(
            Gen.OneOfConst("GET", "POST", "PUT", "PATCH", "NOTIFY", "X-CUSTOM"),
            Gen.String[Gen.Char["abcXYZ019/-._~?=&%"], 0, 40],
            Gen.Select(Gen.String[Gen.Char["abcdefXYZ-"], 1, 12], Gen.String[Gen.Char[" !\"#abc:;,=/\u00e9\u00ff"], 0, 30]).Array[0, 6],
            Gen.Byte.Array[0, 3000],
            Gen.Int[1, 700].Array[0, 6]);

    [Fact]
    public void GeneratedRequests_ContentLengthOrChunked_RoundTripAtAnySplit()
    {
        Gen.Select(_request, _request, Gen.Int[0, 10_000], Gen.Bool)
            .Sample(t =>
            {
                var (first, second, offset, byteByByte) = t;
                var wire = Encode(first, 0).Concat(Encode(second, 1)).ToArray();
                var transcript = new HttpTranscript([new HttpSegment(FlowDirection.FromOriginator, wire)]);
                var sink = byteByByte
                    ? HttpFeeder.FeedByteByByte(transcript)
                    : HttpFeeder.FeedSplitAt(transcript, offset % (wire.Length + 1));
                Assert.Empty(sink.Anomalies);
                var requests = sink.Facts.Cast<HttpRequestMessage>().ToList();
                Assert.Equal(2, requests.Count);
                foreach (var (request, expected, sequence) in new[] { (requests[0], first, 0), (requests[1], second, 1) })
                {
                    Assert.Equal(expected.Method, request.Method);
                    Assert.Equal("/" + expected.Path, request.Target);
                    Assert.Equal(sequence, request.Sequence);
                    Assert.Equal(expected.Body, request.Body.ToArray());
                    Assert.Equal(expected.Body.Length, request.BodyLength);
                    foreach (var (name, value) in expected.Headers)
                    {
                        Assert.Contains(new HttpHeader("X-" + name, value.Trim(' ')), request.Headers);
                    }
                }
            }, iter: 300);
    }

    private static byte[] Encode((string Method, string Path, (string Name, string Value)[] Headers, byte[] Body, int[] Chunks) request, int index)
    {
        var head = new StringBuilder($"{request.Method} /{request.Path} HTTP/1.1\r\nHost: h{index}\r\n");
        foreach (var (name, value) in request.Headers)
        {
            head.Append("X-").Append(name).Append(": ").Append(value).Append("\r\n");
        }

        var chunked = request.Chunks.Length > 0;
        head.Append(chunked ? "Transfer-Encoding: chunked\r\n\r\n" : $"Content-Length: {request.Body.Length}\r\n\r\n");
        var bytes = new List<byte>(Encoding.Latin1.GetBytes(head.ToString()));
        if (!chunked)
        {
            bytes.AddRange(request.Body);
            return [.. bytes];
        }

        var position = 0;
        var next = 0;
        while (position < request.Body.Length)
        {
            var size = Math.Min(request.Chunks[next++ % request.Chunks.Length], request.Body.Length - position);
            bytes.AddRange(Encoding.ASCII.GetBytes($"{size:x}\r\n"));
            bytes.AddRange(request.Body.AsSpan(position, size).ToArray());
            bytes.AddRange("\r\n"u8.ToArray());
            position += size;
        }

        bytes.AddRange("0\r\n\r\n"u8.ToArray());
        return [.. bytes];
    }

    [Fact]
    public void GeneratedExchanges_ResponsesPairedWithTheirRequests()
    {
        Gen.Select(Gen.OneOfConst("GET", "HEAD", "POST").Array[1, 10], Gen.Int[0, 50].Array[10], Gen.Int[1, 97])
            .Sample(t =>
            {
                var (methods, lengths, chunk) = t;
                var requests = string.Concat(methods.Select((m, i) => $"{m} /{i} HTTP/1.1\r\n\r\n"));
                var responses = string.Concat(methods.Select((m, i) =>
                    $"HTTP/1.1 200 OK\r\nContent-Length: {lengths[i]}\r\n\r\n" + (m == "HEAD" ? "" : new string('x', lengths[i]))));
                var dissector = new HttpStreamDissector();
                var sink = new RecordingFactSink();
                FeedRandomly(dissector, FlowDirection.FromOriginator, Encoding.ASCII.GetBytes(requests), chunk, sink);
                FeedRandomly(dissector, FlowDirection.FromResponder, Encoding.ASCII.GetBytes(responses), chunk, sink);
                dissector.OnEnd(HttpFeeder.Start, sink);
                Assert.Empty(sink.Anomalies);
                var paired = sink.Facts.OfType<HttpResponseMessage>().ToList();
                Assert.Equal(methods.Length, paired.Count);
                for (var i = 0; i < methods.Length; i++)
                {
                    Assert.Equal($"/{i}", paired[i].Request!.Target);
                    Assert.Equal(methods[i] == "HEAD" ? 0 : lengths[i], paired[i].BodyLength);
                }
            }, iter: 300);
    }
}
