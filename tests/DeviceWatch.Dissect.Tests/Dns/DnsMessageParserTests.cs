using DeviceWatch.Dissect.Dns;

namespace DeviceWatch.Dissect.Tests.Dns;

public sealed class DnsMessageParserTests
{
    private static readonly DateTime Timestamp = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    private static DnsMessage Parse(byte[] datagram, string? expectedAnomaly = null)
    {
        Assert.True(DnsMessageParser.TryParse(datagram, Timestamp, out var message, out var anomaly), anomaly);
        Assert.Equal(expectedAnomaly, anomaly);
        return message;
    }

    [Fact]
    public void TryParse_HandBuiltResponse_ReadsHeaderAndQuestion()
    {
        var message = Parse(DnsTestVectors.Response);

        Assert.Equal(Timestamp, message.Timestamp);
        Assert.Equal(0x1234, message.Id);
        Assert.True(message.IsResponse);
        Assert.Equal(0, message.Opcode);
        Assert.Equal(0, message.Rcode);
        Assert.Equal("NOERROR", message.RcodeName);
        Assert.Equal(0x8180, message.Flags);
        Assert.False(message.IsTruncated);
        Assert.Equal(new DnsQuestion("www.example.com", 1, 1), Assert.Single(message.Questions));
    }

    [Fact]
    public void TryParse_HandBuiltResponse_RendersEveryRecordType()
    {
        var message = Parse(DnsTestVectors.Response);

        Assert.Equal(
        [
            new DnsResourceRecord("www.example.com", 5, 1, 300, "cdn.example.com"),
            new DnsResourceRecord("cdn.example.com", 1, 1, 60, "93.184.216.34"),
            new DnsResourceRecord("cdn.example.com", 28, 1, 60, "2001:db8::1"),
            new DnsResourceRecord("example.com", 15, 1, 3600, "10 example.com"),
            new DnsResourceRecord("_sip._tcp.example.com", 33, 1, 3600, "1 2 8080 cdn.example.com"),
            new DnsResourceRecord("example.com", 16, 1, 300, "hello world"),
            new DnsResourceRecord("34.216.184.93.in-addr.arpa", 12, 1, 300, "cdn.example.com"),
            new DnsResourceRecord("example.com", 65, 1, 300, "00010000010003026832"),
            new DnsResourceRecord("example.com", 0x1234, 1, 1, "abcdef"),
        ], message.Answers);
        Assert.Equal("TYPE4660", message.Answers[^1].TypeName);
    }

    [Fact]
    public void TryParse_OptInAdditionals_IsDroppedAndOthersKept()
    {
        var message = Parse(DnsTestVectors.Response);

        Assert.Equal([new DnsResourceRecord("ns1.example.com", 1, 1, 3600, "192.0.2.1")], message.Additionals);
    }

    [Fact]
    public void TryParse_RealWhatsappResponse_ReadsEightAddresses()
    {
        var message = Parse(DnsTestVectors.WhatsappResponse);

        Assert.Equal(0x7843, message.Id);
        Assert.Equal("e7.whatsapp.net", Assert.Single(message.Questions).Name);
        Assert.Equal(
            ["169.45.219.235", "169.47.40.142", "169.45.248.121", "108.168.176.234", "169.45.248.189", "169.45.248.180", "169.53.81.79", "169.45.219.232"],
            message.Answers.Select(a => a.Data));
        Assert.All(message.Answers, a => Assert.Equal(("e7.whatsapp.net", (ushort)1, (ushort)1, 491u), (a.Name, a.Type, a.Class, a.Ttl)));
    }

    [Fact]
    public void TryParse_RealResponseWithAuthority_SkipsAuthorityAndOpt()
    {
        var message = Parse(DnsTestVectors.TcpdumpResponse);

        Assert.True(message.IsResponse);
        Assert.Equal(0x8500, message.Flags);
        Assert.Equal(2, message.AuthorityCount);
        Assert.Equal(["192.139.46.66", "198.199.88.104"], message.Answers.Select(a => a.Data));
        Assert.Equal(
        [
            new DnsResourceRecord("nic.sandelman.ca", 1, 1, 300, "209.87.249.18"),
            new DnsResourceRecord("nic.sandelman.ca", 28, 1, 300, "2607:f0b0:f::babe:f00d"),
            new DnsResourceRecord("sns.cooperix.net", 1, 1, 7200, "97.107.133.15"),
            new DnsResourceRecord("sns.cooperix.net", 28, 1, 7200, "2600:3c03::f03c:91ff:fe96:e8ef"),
        ], message.Additionals);
    }

    [Fact]
    public void TryParse_RealMdnsAnnouncement_StripsCacheFlushBitAndLowerCasesNames()
    {
        var message = Parse(DnsTestVectors.MdnsAnnouncement);

        Assert.Equal(6, message.Answers.Count);
        Assert.All(message.Answers, a => Assert.True(a.CacheFlush));
        Assert.All(message.Answers, a => Assert.Equal(1, a.Class));
        Assert.Equal(
            new DnsResourceRecord("johanna-qemu-virtual-machine.local", 28, 1, 0, "fd52:429e:c03c:8235:883c:d6ff:fee1:4dc4") { CacheFlush = true },
            message.Answers[0]);
        Assert.Equal(
            new DnsResourceRecord("7.2.0.10.in-addr.arpa", 12, 1, 0, "johanna-qemu-virtual-machine.local") { CacheFlush = true },
            message.Answers[5]);
    }

    [Fact]
    public void TryParse_RealMdnsQuery_ReadsCompressedQuestions()
    {
        var message = Parse(DnsTestVectors.MdnsQuery);

        Assert.False(message.IsResponse);
        Assert.Equal([new DnsQuestion("_ipp._tcp.local", 12, 1), new DnsQuestion("_ipps._tcp.local", 12, 1)], message.Questions);
    }

    [Fact]
    public void TryParse_MdnsUnicastResponseQuestion_StripsQuBit()
    {
        // RFC 6762 §5.4: top bit of the question class asks for a unicast reply.
        var datagram = DnsTestVectors.Query(1, "065f6875652d7304" + "5f746370056c6f63616c00" + "000c" + "8001");

        var question = Assert.Single(Parse(datagram).Questions);

        Assert.Equal(new DnsQuestion("_hue-s._tcp.local", 12, 1) { UnicastResponse = true }, question);
    }

    [Fact]
    public void TryParse_SpecialBytesInLabel_AreEscapedNotConfusedWithDots()
    {
        // One label "A.b\c" + 0x01, then "local": the dot inside a label must not read as a separator.
        var datagram = DnsTestVectors.Query(1, "06412e625c6301" + "056c6f63616c00" + "0001" + "0001");

        Assert.Equal("a\\.b\\\\c\\001.local", Assert.Single(Parse(datagram).Questions).Name);
    }

    [Fact]
    public void TryParse_Utf8Label_DecodesAndLowerCases()
    {
        // mDNS instance names are UTF-8 (RFC 6763 §4.1.1): "Luca’s iMac".
        var datagram = DnsTestVectors.Query(1, "0d4c756361e280997320694d6163" + "056c6f63616c00" + "0010" + "0001");

        Assert.Equal("luca’s imac.local", Assert.Single(Parse(datagram).Questions).Name);
    }

    [Fact]
    public void TryParse_LlmnrResponse_ParsesLikeDns()
    {
        // RFC 4795 §2.1.1: same layout as DNS; flags QR, opcode 0, C (0x0400, conflict), TC, T. Name "printer".
        var datagram = Convert.FromHexString("a1b284000001000100000000" + "077072696e74657200" + "00010001" + "c00c" + "0001" + "0001" + "0000001e" + "0004" + "c0a80117");

        var message = Parse(datagram);

        Assert.Equal(0x8400, message.Flags);
        Assert.Equal(new DnsQuestion("printer", 1, 1), Assert.Single(message.Questions));
        Assert.Equal(new DnsResourceRecord("printer", 1, 1, 30, "192.168.1.23"), Assert.Single(message.Answers));
    }

    [Fact]
    public void TryParse_RootName_IsEmptyString()
    {
        var datagram = DnsTestVectors.Query(1, "00" + "0002" + "0001");

        Assert.Equal(new DnsQuestion(string.Empty, 2, 1), Assert.Single(Parse(datagram).Questions));
    }

    [Theory]
    [InlineData("0001", "0a000001c0", "0a000001c0")]           // A with 5 bytes: hex
    [InlineData("001c", "0a000001", "0a000001")]               // AAAA with 4 bytes: hex
    [InlineData("0010", "0561", "0561")]                       // TXT string longer than rdata: hex
    [InlineData("000f", "000a", "000a")]                       // MX without exchange: hex
    [InlineData("0005", "0361", "0361")]                       // CNAME running past rdata: hex
    public void TryParse_RdataNotFittingItsType_KeepsRecordAsHexWithBadRdata(string type, string rdata, string expected)
    {
        var rdLength = (rdata.Length / 2).ToString("x4", System.Globalization.CultureInfo.InvariantCulture);
        var datagram = DnsTestVectors.ResponseWithQuestionA(2, "c00c" + type + "0001" + "00000001" + rdLength + rdata + "c00c000100010000000100040a000001");

        var message = Parse(datagram, "bad-rdata");

        Assert.Equal(expected, message.Answers[0].Data);
        Assert.Equal("10.0.0.1", message.Answers[1].Data);
    }

    [Fact]
    public void TryParse_EmptyTxtString_RendersEmpty()
    {
        var datagram = DnsTestVectors.ResponseWithQuestionA(1, "c00c" + "0010" + "0001" + "00001194" + "0001" + "00");

        Assert.Equal(string.Empty, Assert.Single(Parse(datagram).Answers).Data);
    }

    [Fact]
    public void TryParse_NxdomainResponse_ReportsRcode()
    {
        var datagram = Convert.FromHexString("beef8183000100000000000001610000010001");

        var message = Parse(datagram);

        Assert.Equal(3, message.Rcode);
        Assert.Equal("NXDOMAIN", message.RcodeName);
        Assert.Empty(message.Answers);
    }

    [Fact]
    public void TryParse_TruncatedFlag_IsReported()
    {
        var datagram = Convert.FromHexString("beef8380000100000000000001610000010001");

        Assert.True(Parse(datagram).IsTruncated);
    }

    [Fact]
    public void TryParse_ShortHeader_FailsWithShortHeader()
    {
        Assert.False(DnsMessageParser.TryParse(new byte[11], Timestamp, out var message, out var anomaly));
        Assert.Null(message);
        Assert.Equal("short-header", anomaly);
    }

    [Fact]
    public void TryParse_HugeCountsInTinyMessage_FailOnQuestionsWithoutAllocatingForCounts()
    {
        var datagram = Convert.FromHexString("beef0100ffffffffffffffff");

        Assert.False(DnsMessageParser.TryParse(datagram, Timestamp, out _, out var anomaly));
        Assert.Equal("truncated-questions", anomaly);
    }

    [Fact]
    public void TryParse_HugeAnswerCount_ReturnsQuestionsWithTruncatedAnswers()
    {
        var datagram = Convert.FromHexString("beef81800001ffff0000000001610000010001");

        var message = Parse(datagram, "truncated-answers");

        Assert.Equal("a", Assert.Single(message.Questions).Name);
        Assert.Empty(message.Answers);
    }

    [Fact]
    public void TryParse_TrailingBytesAfterSections_AreIgnored()
    {
        var datagram = DnsTestVectors.WhatsappResponse.Concat(new byte[] { 0, 0, 0 }).ToArray();

        Assert.Equal(8, Parse(datagram).Answers.Count);
    }
}
