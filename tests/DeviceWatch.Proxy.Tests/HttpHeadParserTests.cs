using System.Buffers;
using System.Text;
using CsCheck;
using DeviceWatch.Proxy.Relay;

namespace DeviceWatch.Proxy.Tests;

public sealed class HttpHeadParserTests
{
    private const string Request = "POST http://example.test/up HTTP/1.1\r\nHost: example.test\r\nContent-Length: 12\r\nExpect: 100-continue\r\n\r\nbody follows";

    [Fact]
    public void TryParse_SplitAtEveryOffset_NeedMoreUntilTheHeadIsComplete()
    {
        var bytes = Encoding.ASCII.GetBytes(Request);
        var headLength = Request.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4;
        for (var cut = 0; cut <= bytes.Length; cut++)
        {
            var status = HttpHeadParser.TryParse(Segmented(bytes[..cut], 1 + cut % 7), isRequest: true, 4096, out var head, out var length);
            if (cut < headLength)
            {
                Assert.Equal(HttpHeadStatus.NeedMore, status);
            }
            else
            {
                Assert.Equal(HttpHeadStatus.Complete, status);
                Assert.Equal(headLength, length);
                Assert.Equal("POST", head!.Method);
                Assert.Equal("http://example.test/up", head.Target);
                Assert.Equal(12, head.ContentLength);
                Assert.True(head.ExpectContinue);
                Assert.Equal(bytes[..headLength], head.Raw);
            }
        }
    }

    [Theory]
    [InlineData("GET / HTTP/2.0\r\n\r\n")]
    [InlineData("GET  / HTTP/1.1\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nNo-Colon\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nSpace : x\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nA: b\r\n folded\r\n\r\n")]
    [InlineData("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n")]
    [InlineData("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n")]
    [InlineData("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n")]
    [InlineData("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n")]
    public void TryParse_AmbiguousOrMalformedRequest_Malformed(string text)
    {
        Assert.Equal(HttpHeadStatus.Malformed, HttpHeadParser.TryParse(new(Encoding.ASCII.GetBytes(text)), isRequest: true, 4096, out _, out _));
    }

    [Fact]
    public void TryParse_HeadBeyondLimit_TooLargeBeforeTheEndIsSeen()
    {
        var text = "GET / HTTP/1.1\r\nX: " + new string('a', 5000);
        Assert.Equal(HttpHeadStatus.TooLarge, HttpHeadParser.TryParse(new(Encoding.ASCII.GetBytes(text)), isRequest: true, 4096, out _, out _));
    }

    [Fact]
    public void TryParse_Response_FramingAndConnectionClose()
    {
        var text = "HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n";
        Assert.Equal(HttpHeadStatus.Complete, HttpHeadParser.TryParse(new(Encoding.ASCII.GetBytes(text)), isRequest: false, 4096, out var head, out _));
        Assert.Equal(200, head!.Status);
        Assert.True(head.Chunked);
        Assert.Null(head.ContentLength); // Transfer-Encoding wins (RFC 9112 §6.3)
        Assert.True(head.Close); // HTTP/1.0 without keep-alive
    }

    [Fact]
    public void TryParse_HeaderFields_InWireOrderWithTrimmedValues()
    {
        var text = "GET / HTTP/1.1\r\nHost: example.test\r\nConnection: keep-alive, Close\r\nX-Empty:\r\nTransfer-Encoding: gzip , chunked \r\n\r\n";
        Assert.Equal(HttpHeadStatus.Complete, HttpHeadParser.TryParse(new(Encoding.ASCII.GetBytes(text)), isRequest: true, 4096, out var head, out _));
        Assert.Equal(
            [KeyValuePair.Create("Host", "example.test"), KeyValuePair.Create("Connection", "keep-alive, Close"), KeyValuePair.Create("X-Empty", ""), KeyValuePair.Create("Transfer-Encoding", "gzip , chunked")],
            head!.Headers);
        Assert.Equal("example.test", head.Header("host"));
        Assert.True(head.Close);
        Assert.True(head.Chunked);
    }

    [Fact]
    public void TryParse_AnyBytes_NeverThrows()
    {
        Gen.Byte.Array[0, 300].Sample(bytes =>
        {
            var withEnd = bytes.Concat("\r\n\r\n"u8.ToArray()).ToArray();
            HttpHeadParser.TryParse(new(withEnd), isRequest: true, 4096, out _, out _);
            HttpHeadParser.TryParse(new(bytes), isRequest: false, 64, out _, out _);
        });
    }

    private static ReadOnlySequence<byte> Segmented(byte[] bytes, int segmentSize)
    {
        if (bytes.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var first = new Segment(bytes.AsMemory(0, Math.Min(segmentSize, bytes.Length)), 0);
        var last = first;
        for (var offset = segmentSize; offset < bytes.Length; offset += segmentSize)
        {
            last = last.Append(bytes.AsMemory(offset, Math.Min(segmentSize, bytes.Length - offset)));
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
