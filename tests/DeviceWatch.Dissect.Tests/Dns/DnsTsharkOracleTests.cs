using System.Globalization;
using System.Text.Json;
using DeviceWatch.Dissect.Dns;

namespace DeviceWatch.Dissect.Tests.Dns;

/// <summary>
/// Compares the parser with tshark's DNS dissector on every DNS/mDNS/LLMNR-over-UDP packet of public captures:
/// header, questions, answers and additionals (OPT excluded) with owner name, type, class, TTL and, for the
/// rendered types, the data.
/// </summary>
public sealed class DnsTsharkOracleTests
{
    private const string Filter = "(dns or mdns or llmnr) and udp and not icmp and not icmpv6";

    [Theory]
    [InlineData("ndpi/dns.pcap", 5)]
    [InlineData("tcpdump/dns_udp.pcap", 2)]
    [InlineData("tcpdump/edns-opts.pcap", 42)]
    [InlineData("zeek/dns_mdns.pcap", 16)]
    [InlineData("zeek/dns_dns-corrupt.pcap", 2)]
    [InlineData("ndpi/iphone.pcap", 50)]
    [InlineData("ndpi/android.pcap", 40)]
    [InlineData("iot-sentinel/Lightify_Setup-C-1-STA.pcap", 30)]
    [InlineData("iot-oconnor/schlage-lock-01.pcap", 500)]
    public void TryParse_EveryUdpDnsPacketInCapture_MatchesTshark(string capture, int minimumCompared)
    {
        var json = Tshark.Run("-r", PublicCaptures.PathOf(capture), "-Y", Filter, "-T", "json", "-J", "frame udp dns mdns llmnr");
        using var document = JsonDocument.Parse(json);
        var compared = 0;
        foreach (var packet in document.RootElement.EnumerateArray())
        {
            var layers = packet.GetProperty("_source").GetProperty("layers");
            var frame = layers.GetProperty("frame").GetProperty("frame.number").GetString();
            var payload = Convert.FromHexString(layers.GetProperty("udp").GetProperty("udp.payload").GetString()!.Replace(":", string.Empty, StringComparison.Ordinal));
            var dns = Layer(layers, "dns") ?? Layer(layers, "mdns") ?? Layer(layers, "llmnr");
            Assert.True(dns is not null, $"{capture} frame {frame}: no dns layer");

            var ok = DnsMessageParser.TryParse(payload, DateTime.UnixEpoch, out var message, out var anomaly);
            Assert.True(ok, $"{capture} frame {frame}: {anomaly}");
            Assert.True(anomaly is null, $"{capture} frame {frame}: {anomaly}");
            Compare(dns.Value, message!, $"{capture} frame {frame}");
            compared++;
        }

        Assert.True(compared >= minimumCompared, $"{capture}: compared {compared} packets");
    }

    [Fact]
    public void TryParse_MalformedDnsCapture_ResponsesWithOverlongQuestionFail()
    {
        // ndpi/malformed_dns.pcap: queries for www.xt.com, and responses whose second question is a run of labels
        // longer than 255 bytes (tshark: "<Name too long>"): the first question is kept (as tshark shows it), the bad
        // one ends the message with an anomaly.
        var rows = Tshark.Fields("ndpi/malformed_dns.pcap", "dns", "udp.payload", "dns.flags.response", "dns.qry.name");
        Assert.Equal(6, rows.Count);
        foreach (var row in rows)
        {
            var ok = DnsMessageParser.TryParse(Convert.FromHexString(row[0]), DateTime.UnixEpoch, out var message, out var anomaly);
            if (row[1] == "1")
            {
                Assert.StartsWith("www.xt.com|", row[2], StringComparison.Ordinal);
                Assert.True(ok);
                Assert.Equal("name-too-long", anomaly);
                Assert.Equal("www.xt.com", Assert.Single(message!.Questions).Name);
                Assert.Empty(message.Answers);
            }
            else
            {
                Assert.True(ok, anomaly);
                Assert.Null(anomaly);
                Assert.Equal(row[2], Assert.Single(message!.Questions).Name);
            }
        }
    }

    [Fact]
    public void TryParse_BadLabelCapture_FailsCleanly()
    {
        // tcpdump/dns-badlabel.pcap: a 63 KB "response" tshark marks malformed.
        var payload = Assert.Single(Tshark.UdpPayloads("tcpdump/dns-badlabel.pcap", "udp"));

        var ok = DnsMessageParser.TryParse(payload, DateTime.UnixEpoch, out var message, out var anomaly);

        Assert.NotNull(anomaly);
        Assert.True(!ok || message is not null);
    }

    private static JsonElement? Layer(JsonElement layers, string name) =>
        layers.TryGetProperty(name, out var layer) ? layer : null;

    private static void Compare(JsonElement dns, DnsMessage message, string where)
    {
        Assert.True(Convert.ToUInt16(dns.GetProperty("dns.id").GetString(), 16) == message.Id, where + " id");
        var flags = dns.GetProperty("dns.flags_tree");
        Assert.True((flags.GetProperty("dns.flags.response").GetString() == "1") == message.IsResponse, where + " qr");
        Assert.True(int.Parse(flags.GetProperty("dns.flags.opcode").GetString()!, CultureInfo.InvariantCulture) == message.Opcode, where + " opcode");
        if (flags.TryGetProperty("dns.flags.rcode", out var rcode))
        {
            Assert.True(int.Parse(rcode.GetString()!, CultureInfo.InvariantCulture) == message.Rcode, where + " rcode");
        }

        var questions = Entries(dns, "Queries").Select(q =>
            $"{Name(q, "dns.qry.name")} {q.GetProperty("dns.qry.type").GetString()} {Convert.ToUInt16(q.GetProperty("dns.qry.class").GetString(), 16)} qu={Flag(q, "dns.qry.qu")}");
        Assert.Equal(questions, message.Questions.Select(q => $"{q.Name} {q.Type} {q.Class} qu={(q.UnicastResponse ? 1 : 0)}"));

        Assert.Equal(Records(dns, "Answers"), message.Answers.Select(Render));
        Assert.Equal(Records(dns, "Additional records"), message.Additionals.Select(Render));
        Assert.Equal(Entries(dns, "Authoritative nameservers").Count(), message.AuthorityCount);
    }

    private static IEnumerable<JsonElement> Entries(JsonElement dns, string section) =>
        dns.TryGetProperty(section, out var entries) ? entries.EnumerateObject().Select(p => p.Value) : [];

    private static List<string> Records(JsonElement dns, string section) =>
        Entries(dns, section)
            .Where(r => Text(r, "dns.resp.type") != "41")
            .Select(r =>
            {
                var type = ushort.Parse(Text(r, "dns.resp.type")!, CultureInfo.InvariantCulture);
                var data = type switch
                {
                    1 => Text(r, "dns.a"),
                    28 => Text(r, "dns.aaaa"),
                    2 => Name(r, "dns.ns"),
                    5 => Name(r, "dns.cname"),
                    12 => Name(r, "dns.ptr.domain_name"),
                    15 => $"{Text(r, "dns.mx.preference")} {Name(r, "dns.mx.mail_exchange")}",
                    33 => $"{Text(r, "dns.srv.priority")} {Text(r, "dns.srv.weight")} {Text(r, "dns.srv.port")} {Name(r, "dns.srv.target")}",
                    16 => string.Join(' ', r.EnumerateObject().Where(p => p.Name == "dns.txt").Select(p => p.Value.GetString())),
                    _ => "*",
                };
                return $"{Owner(r)} {type} {Convert.ToUInt16(Text(r, "dns.resp.class"), 16)} {Text(r, "dns.resp.ttl")} cf={Flag(r, "dns.resp.cache_flush")} {data}";
            })
            .ToList();

    private static string Render(DnsResourceRecord r)
    {
        var data = r.Type is 1 or 28 or 2 or 5 or 12 or 15 or 33 or 16 ? r.Data : "*";
        return $"{r.Name} {r.Type} {r.Class} {r.Ttl} cf={(r.CacheFlush ? 1 : 0)} {data}";
    }

    /// <summary>tshark 4.0 splits an SRV owner into service, protocol and the rest.</summary>
    private static string Owner(JsonElement record) =>
        record.TryGetProperty("dns.resp.name", out _)
            ? Name(record, "dns.resp.name")
            : string.Join('.', Name(record, "dns.srv.service"), Name(record, "dns.srv.proto"), Name(record, "dns.srv.name"));

    /// <summary>The first occurrence of <paramref name="field"/>: tshark repeats keys (an NSEC type bitmap repeats dns.resp.type).</summary>
    private static string Text(JsonElement element, string field)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name == field)
            {
                return property.Value.GetString()!;
            }
        }

        throw new KeyNotFoundException($"{field} not in {element}");
    }

    private static string Flag(JsonElement element, string field) =>
        element.TryGetProperty(field, out var value) ? value.GetString()! : "0";

    /// <summary>tshark shows the root as "&lt;Root&gt;" and keeps the case of names.</summary>
    private static string Name(JsonElement element, string field)
    {
        var name = Text(element, field);
        return name == "<Root>" ? string.Empty : name.ToLowerInvariant();
    }
}
