using CsCheck;
using DeviceWatch.Dissect.Common;
using DeviceWatch.Dissect.Dns;

namespace DeviceWatch.Dissect.Tests.Dns;

public sealed class DnsTcpDissectorTests
{
    private static readonly DateTime Timestamp = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    /// <summary>tcpdump/dns_tcp.pcap: the client's and the server's TCP payloads (one length-prefixed message each).</summary>
    private static readonly Lazy<(byte[] Client, byte[] Server)> RealStreams = new(() =>
    {
        var rows = Tshark.Fields("tcpdump/dns_tcp.pcap", "tcp.len > 0", "tcp.srcport", "tcp.payload");
        var client = rows.Where(r => r[0] == "33779").SelectMany(r => Convert.FromHexString(r[1])).ToArray();
        var server = rows.Where(r => r[0] == "53").SelectMany(r => Convert.FromHexString(r[1])).ToArray();
        return (client, server);
    });

    private static byte[] Framed(params byte[][] messages) =>
        messages.SelectMany(m => new[] { (byte)(m.Length >> 8), (byte)m.Length }.Concat(m)).ToArray();

    private static List<string> Render(RecordingFactSink sink) =>
        sink.Facts.Select(f => DnsMessageText.Render(Assert.IsType<DnsMessage>(f))).Concat(sink.Anomalies).ToList();

    private static RecordingFactSink FeedWhole(byte[] client, byte[] server)
    {
        var sink = new RecordingFactSink();
        var dissector = new DnsTcpDissector();
        dissector.OnData(FlowDirection.FromOriginator, client, Timestamp, sink);
        dissector.OnData(FlowDirection.FromResponder, server, Timestamp, sink);
        dissector.OnEnd(Timestamp, sink);
        return sink;
    }

    [Fact]
    public void Protocol_IsDns()
    {
        Assert.Equal("dns", new DnsTcpDissector().Protocol);
    }

    [Fact]
    public void OnData_RealCapture_EmitsQueryAndResponseWithDirections()
    {
        var (client, server) = RealStreams.Value;
        Assert.Equal(58, client.Length);
        Assert.Equal(226, server.Length);

        var sink = FeedWhole(client, server);

        Assert.Empty(sink.Anomalies);
        Assert.Equal(2, sink.Facts.Count);
        var query = Assert.IsType<DnsMessage>(sink.Facts[0]);
        var response = Assert.IsType<DnsMessage>(sink.Facts[1]);
        Assert.Equal((FlowDirection.FromOriginator, (ushort)0x4319, false), (query.Direction, query.Id, query.IsResponse));
        Assert.Equal(new DnsQuestion("www.tcpdump.org", 1, 1), Assert.Single(query.Questions));
        Assert.Equal((FlowDirection.FromResponder, (ushort)0x4319, true), (response.Direction, response.Id, response.IsResponse));
        Assert.Equal(["192.139.46.66", "198.199.88.104"], response.Answers.Select(a => a.Data));
        Assert.Equal(2, response.AuthorityCount);
        Assert.Equal(4, response.Additionals.Count);
        Assert.Equal(Timestamp, response.Timestamp);
    }

    [Fact]
    public void OnData_RealCaptureSplitAtEveryOffset_EmitsSameMessages()
    {
        var (client, server) = RealStreams.Value;
        var expected = Render(FeedWhole(client, server));

        foreach (var (direction, stream, other) in new[] { (FlowDirection.FromOriginator, client, server), (FlowDirection.FromResponder, server, client) })
        {
            for (var split = 0; split <= stream.Length; split++)
            {
                var sink = new RecordingFactSink();
                var dissector = new DnsTcpDissector();
                var otherDirection = direction == FlowDirection.FromOriginator ? FlowDirection.FromResponder : FlowDirection.FromOriginator;
                if (direction == FlowDirection.FromResponder)
                {
                    dissector.OnData(otherDirection, other, Timestamp, sink);
                }

                dissector.OnData(direction, stream.AsSpan(0, split), Timestamp, sink);
                dissector.OnData(direction, stream.AsSpan(split), Timestamp, sink);
                if (direction == FlowDirection.FromOriginator)
                {
                    dissector.OnData(otherDirection, other, Timestamp, sink);
                }

                dissector.OnEnd(Timestamp, sink);
                Assert.Equal(expected, Render(sink));
            }
        }
    }

    [Fact]
    public void OnData_ByteByByteInterleaved_EmitsSameMessages()
    {
        var (client, server) = RealStreams.Value;
        var expected = Render(FeedWhole(client, server));
        var sink = new RecordingFactSink();
        var dissector = new DnsTcpDissector();

        foreach (var b in client)
        {
            dissector.OnData(FlowDirection.FromOriginator, [b], Timestamp, sink);
        }

        foreach (var b in server)
        {
            dissector.OnData(FlowDirection.FromResponder, [b], Timestamp, sink);
        }

        dissector.OnEnd(Timestamp, sink);
        Assert.Equal(expected, Render(sink));
    }

    [Fact]
    public void OnData_PipelinedMessagesSplitAtEveryOffset_EmitsSameMessages()
    {
        // RFC 7766 §6.2.1: several messages may share a segment, and one may span segments.
        var stream = Framed(DnsTestVectors.MdnsQuery, DnsTestVectors.WhatsappResponse, DnsTestVectors.Response);
        var expected = Render(FeedWhole([], stream));
        Assert.Equal(3, expected.Count);

        for (var split = 0; split <= stream.Length; split++)
        {
            var sink = new RecordingFactSink();
            var dissector = new DnsTcpDissector();
            dissector.OnData(FlowDirection.FromResponder, stream.AsSpan(0, split), Timestamp, sink);
            dissector.OnData(FlowDirection.FromResponder, stream.AsSpan(split), Timestamp, sink);
            dissector.OnEnd(Timestamp, sink);
            Assert.Equal(expected, Render(sink));
        }
    }

    [Fact]
    public void OnData_PipelinedMessagesInThreeChunks_EmitsSameMessages()
    {
        var stream = Framed(DnsTestVectors.MdnsQuery, DnsTestVectors.WhatsappResponse, DnsTestVectors.Response);
        var expected = Render(FeedWhole([], stream));

        for (var first = 0; first <= stream.Length; first += 7)
        {
            for (var second = first; second <= stream.Length; second += 11)
            {
                var sink = new RecordingFactSink();
                var dissector = new DnsTcpDissector();
                dissector.OnData(FlowDirection.FromResponder, stream.AsSpan(0, first), Timestamp, sink);
                dissector.OnData(FlowDirection.FromResponder, stream.AsSpan(first, second - first), Timestamp, sink);
                dissector.OnData(FlowDirection.FromResponder, stream.AsSpan(second), Timestamp, sink);
                dissector.OnEnd(Timestamp, sink);
                Assert.Equal(expected, Render(sink));
            }
        }
    }

    [Fact]
    public void OnData_FactTimestamp_IsThatOfTheCompletingChunk()
    {
        var stream = Framed(DnsTestVectors.MdnsQuery);
        var sink = new RecordingFactSink();
        var dissector = new DnsTcpDissector();

        dissector.OnData(FlowDirection.FromOriginator, stream.AsSpan(0, 10), Timestamp, sink);
        dissector.OnData(FlowDirection.FromOriginator, stream.AsSpan(10), Timestamp.AddSeconds(1), sink);

        Assert.Equal(Timestamp.AddSeconds(1), Assert.Single(sink.Facts).Timestamp);
    }

    [Fact]
    public void OnGap_OneDirection_GivesUpThatDirectionOnly()
    {
        var sink = new RecordingFactSink();
        var dissector = new DnsTcpDissector();
        var query = Framed(DnsTestVectors.MdnsQuery);

        dissector.OnData(FlowDirection.FromOriginator, query.AsSpan(0, 5), Timestamp, sink);
        dissector.OnGap(FlowDirection.FromOriginator, 100, Timestamp, sink);
        dissector.OnData(FlowDirection.FromOriginator, query, Timestamp, sink);
        Assert.True(dissector.WantsMoreData);
        dissector.OnData(FlowDirection.FromResponder, Framed(DnsTestVectors.WhatsappResponse), Timestamp, sink);

        var fact = Assert.Single(sink.Facts);
        Assert.Equal(FlowDirection.FromResponder, fact.Direction);
        Assert.Equal(["dns/gap"], sink.Anomalies);
        Assert.True(dissector.WantsMoreData);

        dissector.OnGap(FlowDirection.FromResponder, 1, Timestamp, sink);
        Assert.False(dissector.WantsMoreData);
        Assert.Equal(["dns/gap", "dns/gap"], sink.Anomalies);
    }

    [Fact]
    public void OnEnd_InsideMessage_CountsTruncatedMessageAndStops()
    {
        var sink = new RecordingFactSink();
        var dissector = new DnsTcpDissector();
        var stream = Framed(DnsTestVectors.MdnsQuery, DnsTestVectors.WhatsappResponse);

        dissector.OnData(FlowDirection.FromResponder, stream.AsSpan(0, stream.Length - 1), Timestamp, sink);
        dissector.OnEnd(Timestamp, sink);

        Assert.Single(sink.Facts);
        Assert.Equal(["dns/truncated-message"], sink.Anomalies);
        Assert.False(dissector.WantsMoreData);
    }

    [Fact]
    public void OnData_ZeroLengthPrefix_IsCountedAndNextMessageParsed()
    {
        var sink = FeedWhole([0, 0, .. Framed(DnsTestVectors.MdnsQuery)], []);

        Assert.Single(sink.Facts);
        Assert.Equal(["dns/empty-message"], sink.Anomalies);
    }

    [Fact]
    public void OnData_MessageWithTruncatedAnswers_IsEmittedAndAnomalyCounted()
    {
        var sink = FeedWhole(Framed(DnsTestVectors.Response.AsSpan(0, 100).ToArray()), []);

        Assert.Equal(3, Assert.IsType<DnsMessage>(Assert.Single(sink.Facts)).Answers.Count);
        Assert.Equal(["dns/truncated-answers"], sink.Anomalies);
    }

    [Fact]
    public void OnData_UnparseableMessagesInARow_GivesUpAsNotDns()
    {
        var garbage = Framed(new byte[5], new byte[5], new byte[5], new byte[5]);
        var sink = new RecordingFactSink();
        var dissector = new DnsTcpDissector();

        dissector.OnData(FlowDirection.FromOriginator, garbage, Timestamp, sink);
        dissector.OnData(FlowDirection.FromOriginator, Framed(DnsTestVectors.MdnsQuery), Timestamp, sink);

        Assert.Empty(sink.Facts);
        Assert.Equal(["dns/short-header", "dns/short-header", "dns/short-header", "dns/not-dns"], sink.Anomalies);
        Assert.True(dissector.WantsMoreData);
    }

    [Fact]
    public void OnData_RandomBytesInRandomChunks_NeverThrows()
    {
        Gen.Select(Gen.Byte.Array[0, 400], Gen.Int[1, 50]).Sample(
            (bytes, chunk) =>
            {
                var sink = new RecordingFactSink();
                var dissector = new DnsTcpDissector();
                for (var i = 0; i < bytes.Length; i += chunk)
                {
                    dissector.OnData((i / chunk) % 3 == 0 ? FlowDirection.FromResponder : FlowDirection.FromOriginator, bytes.AsSpan(i, Math.Min(chunk, bytes.Length - i)), Timestamp, sink);
                }

                dissector.OnEnd(Timestamp, sink);
            },
            iter: 2000,
            threads: 1);
    }
}
