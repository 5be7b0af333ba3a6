using System.Security.Cryptography;
using System.Text;
using DeviceWatch.Dissect.Common;
using DeviceWatch.Dissect.Http;
using HttpRequestMessage = DeviceWatch.Dissect.Http.HttpRequestMessage;
using HttpResponseMessage = DeviceWatch.Dissect.Http.HttpResponseMessage;

namespace DeviceWatch.Dissect.Tests.Http;

/// <summary>Feeds transcripts to a fresh dissector in different splits and renders what came out as text.</summary>
internal static class HttpFeeder
{
    public static readonly DateTime Start = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    /// <summary>Feeds each segment whole (segment i has timestamp Start + i seconds), then ends the stream.</summary>
    public static RecordingFactSink Feed(HttpTranscript transcript, DissectorLimits? limits = null, bool end = true) =>
        Run(transcript, limits, end, (dissector, segment, time, sink) => dissector.OnData(segment.Direction, segment.Data, time, sink));

    /// <summary>Feeds with the whole byte sequence split once at <paramref name="offset"/> (inside the segment holding it).</summary>
    public static RecordingFactSink FeedSplitAt(HttpTranscript transcript, int offset, DissectorLimits? limits = null)
    {
        var position = 0;
        return Run(transcript, limits, true, (dissector, segment, time, sink) =>
        {
            var local = offset - position;
            position += segment.Data.Length;
            if (local > 0 && local < segment.Data.Length)
            {
                dissector.OnData(segment.Direction, segment.Data.AsSpan(0, local), time, sink);
                dissector.OnData(segment.Direction, segment.Data.AsSpan(local), time, sink);
            }
            else
            {
                dissector.OnData(segment.Direction, segment.Data, time, sink);
            }
        });
    }

    /// <summary>Feeds every segment one byte at a time.</summary>
    public static RecordingFactSink FeedByteByByte(HttpTranscript transcript, DissectorLimits? limits = null) =>
        Run(transcript, limits, true, (dissector, segment, time, sink) =>
        {
            for (var i = 0; i < segment.Data.Length; i++)
            {
                dissector.OnData(segment.Direction, segment.Data.AsSpan(i, 1), time, sink);
            }
        });

    /// <summary>Asserts that whole, split-at-every-offset and byte-by-byte feeding give identical facts; returns the whole-feed sink.</summary>
    public static RecordingFactSink AssertSplitInvariant(HttpTranscript transcript, DissectorLimits? limits = null)
    {
        var whole = Feed(transcript, limits);
        for (var offset = 1; offset < transcript.TotalLength; offset++)
        {
            AssertSameEvents(whole, FeedSplitAt(transcript, offset, limits), $"split at {offset}");
        }

        AssertSameEvents(whole, FeedByteByByte(transcript, limits), "byte by byte");
        return whole;
    }

    /// <summary>Fails with both renderings unless the two runs reported equal facts and anomalies in the same order.</summary>
    public static void AssertSameEvents(RecordingFactSink expected, RecordingFactSink actual, string what)
    {
        var same = expected.Events.Count == actual.Events.Count;
        for (var i = 0; same && i < expected.Events.Count; i++)
        {
            same = (expected.Events[i], actual.Events[i]) switch
            {
                (string a, string b) => a == b,
                (DissectedFact a, DissectedFact b) => SameFact(a, b),
                _ => false,
            };
        }

        if (!same)
        {
            Assert.Fail($"{what} differs:\n--- expected\n{Render(expected)}\n--- actual\n{Render(actual)}");
        }
    }

    /// <summary>Feeds every prefix of the transcript and ends the stream: nothing may throw, and requests found must be a prefix of the full run's.</summary>
    public static void AssertTruncationSafe(HttpTranscript transcript, DissectorLimits? limits = null)
    {
        var fullRequests = Feed(transcript, limits).Facts.OfType<HttpRequestMessage>().ToList();
        for (var length = 0; length <= transcript.TotalLength; length++)
        {
            var dissector = new HttpStreamDissector(limits);
            var sink = new RecordingFactSink();
            var left = length;
            var time = Start;
            foreach (var segment in transcript.Segments)
            {
                var take = Math.Min(left, segment.Data.Length);
                if (take == 0)
                {
                    break;
                }

                dissector.OnData(segment.Direction, segment.Data.AsSpan(0, take), time, sink);
                left -= take;
                time = time.AddSeconds(1);
            }

            dissector.OnEnd(time, sink);

            // Requests never end by close, so each one found in a prefix is whole and equal to the full run's.
            var requests = sink.Facts.OfType<HttpRequestMessage>().ToList();
            Assert.True(requests.Count <= fullRequests.Count, $"prefix {length}: more requests than the full stream");
            for (var i = 0; i < requests.Count; i++)
            {
                Assert.True(SameFact(fullRequests[i], requests[i]), $"prefix {length}: request {i} differs");
            }
        }
    }

    /// <summary>Field-by-field equality of two facts (bodies compared by content).</summary>
    public static bool SameFact(DissectedFact a, DissectedFact b) => (a, b) switch
    {
        (HttpRequestMessage x, HttpRequestMessage y) =>
            x.Timestamp == y.Timestamp && x.Direction == y.Direction && x.Method == y.Method && x.Target == y.Target
            && x.Version == y.Version && x.Host == y.Host && x.Headers.SequenceEqual(y.Headers)
            && x.Trailers.SequenceEqual(y.Trailers) && x.BodyLength == y.BodyLength && x.BodyTruncated == y.BodyTruncated
            && x.DecodedContentEncoding == y.DecodedContentEncoding && x.Sequence == y.Sequence
            && x.Body.Span.SequenceEqual(y.Body.Span),
        (HttpResponseMessage x, HttpResponseMessage y) =>
            x.Timestamp == y.Timestamp && x.Direction == y.Direction && x.Status == y.Status && x.Reason == y.Reason
            && x.Version == y.Version && x.Headers.SequenceEqual(y.Headers) && x.Trailers.SequenceEqual(y.Trailers)
            && x.BodyLength == y.BodyLength && x.BodyTruncated == y.BodyTruncated
            && x.DecodedContentEncoding == y.DecodedContentEncoding && x.Body.Span.SequenceEqual(y.Body.Span)
            && (x.Request is null ? y.Request is null : y.Request is not null && SameFact(x.Request, y.Request)),
        _ => false,
    };

    public static string Render(RecordingFactSink sink) =>
        string.Join("\n", sink.Events.Select(e => e is DissectedFact fact ? RenderFact(fact) : (string)e));

    public static string RenderFact(DissectedFact fact) => fact switch
    {
        HttpRequestMessage request => RenderRequest(request),
        HttpResponseMessage response =>
            $"{response.Timestamp:O} {response.Direction} RSP {response.Version} {response.Status} '{response.Reason}' " +
            $"{RenderHeaders(response.Headers)} trailers={RenderHeaders(response.Trailers)} len={response.BodyLength} " +
            $"trunc={response.BodyTruncated} enc={response.DecodedContentEncoding} body={RenderBody(response.Body)} " +
            $"for=[{(response.Request is null ? "none" : RenderRequest(response.Request))}]",
        _ => fact.ToString(),
    };

    private static string RenderRequest(HttpRequestMessage request) =>
        $"{request.Timestamp:O} {request.Direction} REQ #{request.Sequence} {request.Method} {request.Target} {request.Version} " +
        $"host={request.Host} {RenderHeaders(request.Headers)} trailers={RenderHeaders(request.Trailers)} " +
        $"len={request.BodyLength} trunc={request.BodyTruncated} enc={request.DecodedContentEncoding} body={RenderBody(request.Body)}";

    private static string RenderHeaders(IReadOnlyList<HttpHeader> headers) =>
        "[" + string.Join("|", headers.Select(h => h.Name + ": " + h.Value)) + "]";

    private static string RenderBody(ReadOnlyMemory<byte> body) =>
        body.Length <= 64
            ? Convert.ToHexString(body.Span)
            : $"{body.Length}b:{Convert.ToHexString(SHA256.HashData(body.Span))[..16]}";

    /// <summary>Latin-1 text of a body.</summary>
    public static string Text(ReadOnlyMemory<byte> body) => Encoding.Latin1.GetString(body.Span);

    private static RecordingFactSink Run(
        HttpTranscript transcript, DissectorLimits? limits, bool end,
        Action<HttpStreamDissector, HttpSegment, DateTime, RecordingFactSink> feed)
    {
        var dissector = new HttpStreamDissector(limits);
        var sink = new RecordingFactSink();
        var time = Start;
        foreach (var segment in transcript.Segments)
        {
            feed(dissector, segment, time, sink);
            time = time.AddSeconds(1);
        }

        if (end)
        {
            dissector.OnEnd(time, sink);
        }

        return sink;
    }
}
