using System.Net;
using DeviceWatch.Capture.Tests.Writing;
using DeviceWatch.Synth.Frames;
using DeviceWatch.Synth.Payloads;

namespace DeviceWatch.Capture.Tests.Synth;

public sealed class DnsMessageBuilderTests
{
    [Fact]
    public void Query_ExampleCom_IsByteExact()
    {
        var query = DnsMessageBuilder.Query(0x1234, "example.com", DnsRecordType.Aaaa);
        Assert.Equal(Convert.FromHexString("123401000001000000000000076578616D706C6503636F6D00001C0001"), query);
    }

    [Fact]
    public void Response_CnameChain_CompressesNamesAgainstEarlierOnes()
    {
        var answers = DnsMessageBuilder.AnswerChain("api.example.com", ["edge.cdn.example.com"], [IPAddress.Parse("192.0.2.1")], 60);
        var response = DnsMessageBuilder.Response(7, "api.example.com", DnsRecordType.A, answers);

        var expected = Convert.FromHexString(
            "00078180000100020000000003617069076578616D706C6503636F6D0000010001" + // header, question at offset 12
            "C00C000500010000003C000B" + "04656467650363646EC010" +                // CNAME: owner -> 12, "edge.cdn" + pointer to example.com (16)
            "C02D000100010000003C0004C0000201");                                   // A: owner -> edge.cdn.example.com (45)
        Assert.Equal(expected, response);
    }

    [Fact]
    public void Messages_QueryResponseAndMdns_TsharkDecodesNamesAndAnswers()
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.File("dns.pcap");
        var client = TestCaptures.Client with { Port = 53000 };
        var server = new NetworkEndpoint(TestCaptures.Server.Mac, IPAddress.Parse("192.168.50.53"), 53);
        var mdnsGroup = new NetworkEndpoint(MacAddress.ForIpv4Multicast(IPAddress.Parse("224.0.0.251")), IPAddress.Parse("224.0.0.251"), 5353);
        var answers = DnsMessageBuilder.AnswerChain("www.videotube.example", ["videotube.edge.cdn.example"],
            [IPAddress.Parse("203.0.113.200"), IPAddress.Parse("203.0.113.201")]);
        var v6 = DnsMessageBuilder.AnswerChain("www.videotube.example", [], [IPAddress.Parse("2001:db8::c8")]);
        TestCaptures.WriteFrames(path,
        [
            FrameBuilder.Udp(client, server, DnsMessageBuilder.Query(1, "www.videotube.example")),
            FrameBuilder.Udp(server, client, DnsMessageBuilder.Response(1, "www.videotube.example", DnsRecordType.A, answers)),
            FrameBuilder.Udp(client, server, DnsMessageBuilder.Query(2, "www.videotube.example", DnsRecordType.Aaaa)),
            FrameBuilder.Udp(server, client, DnsMessageBuilder.Response(2, "www.videotube.example", DnsRecordType.Aaaa, v6)),
            FrameBuilder.Udp(server, client, DnsMessageBuilder.Response(3, "nope.example", DnsRecordType.A, [], responseCode: 3)),
            FrameBuilder.Udp(client with { Port = 5353 }, mdnsGroup, DnsMessageBuilder.MdnsAnnouncement("speaker.local", IPAddress.Parse("192.168.50.100"),
                "_googlecast._tcp.local", "Living Room", 8009, ["id=abc", "md=Speaker"])),
        ]);

        Assert.Empty(TestCaptures.Problems(path));
        var rows = Tshark.Fields(path, ["dns.qry.name", "dns.qry.type", "dns.cname", "dns.a", "dns.aaaa", "dns.flags.rcode", "dns.ptr.domain_name", "dns.srv.target", "dns.srv.port", "dns.txt"]);
        Assert.Equal(["www.videotube.example", "1", "", "", "", ""], rows[0][..6]);
        Assert.Equal(["www.videotube.example", "1", "videotube.edge.cdn.example", "203.0.113.200|203.0.113.201", "", "0"], rows[1][..6]);
        Assert.Equal(["www.videotube.example", "28", "", "", "2001:db8::c8", "0"], rows[3][..6]);
        Assert.Equal("3", rows[4][5]);
        Assert.Equal(["Living Room._googlecast._tcp.local", "speaker.local", "8009", "id=abc|md=Speaker"], rows[5][6..]);
    }
}
