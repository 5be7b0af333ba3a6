using System.Globalization;
using DeviceWatch.Capture.Tests.Writing;

namespace DeviceWatch.Capture.Tests.Synth;

public sealed class LabScenarioTsharkTests(LabCaptureFixture lab) : IClassFixture<LabCaptureFixture>
{
    [Fact]
    public void SmallHome_ChecksumsValidated_NoWarningsErrorsOrMalformedFrames()
    {
        var problems = lab.Rows
            .Where(r => r["_ws.malformed"].Length > 0
                || r["_ws.expert.severity"].Split('|', StringSplitOptions.RemoveEmptyEntries).Any(s => long.Parse(s, CultureInfo.InvariantCulture) >= Tshark.WarningSeverity))
            .Select(r => $"frame {r["frame.number"]}: {r["_ws.expert.message"]}")
            .ToList();
        Assert.Empty(problems);
        Assert.DoesNotContain(lab.Rows, r => r["_ws.expert.message"].Contains("checksum", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void SmallHome_FrameCount_MatchesTruthTsharkAndCapinfos()
    {
        Assert.Equal(lab.Truth.PacketCount, lab.Rows.Count);
        Assert.Contains($"Number of packets:   {lab.Truth.PacketCount}\n", Tshark.Capinfos(lab.Path), StringComparison.Ordinal);
        Assert.True(lab.Truth.PacketCount > 500);
    }

    [Fact]
    public void SmallHome_DnsQueriesAndAnswers_MatchTruth()
    {
        var queries = lab.Where("dns.qry.name").Where(r => r["dns.flags.response"] == "0" && r["mdns"].Length == 0)
            .Select(r => (r["dns.qry.name"], r["dns.qry.type"] == "1" ? "A" : "AAAA", r["dns.id"])).ToList();
        Assert.Equal(lab.Truth.DnsLookups.Select(l => (l.Name, l.Type, $"0x{l.TransactionId:x4}")), queries);

        var answers = lab.Where("dns.qry.name").Where(r => r["dns.flags.response"] == "1" && r["mdns"].Length == 0)
            .Select(r => (r["dns.qry.name"], r["dns.cname"], r["dns.a"].Length > 0 ? r["dns.a"] : r["dns.aaaa"])).ToList();
        Assert.Equal(lab.Truth.DnsLookups.Select(l => (l.Name, string.Join('|', l.CnameChain), string.Join('|', l.Addresses))), answers);
    }

    [Fact]
    public void SmallHome_DhcpHostNamesAndVendorClasses_MatchTruth()
    {
        var messages = lab.Where("dhcp.option.dhcp")
            .Select(r => (int.Parse(r["dhcp.option.dhcp"], CultureInfo.InvariantCulture), r["dhcp.option.hostname"], r["dhcp.option.vendor_class_id"], r["dhcp.ip.your"]))
            .ToList();
        Assert.Equal(
            lab.Truth.DhcpMessages.Select(m => ((int)m.MessageType, m.HostName ?? "", m.VendorClass ?? "", m.AssignedAddress?.ToString() ?? "0.0.0.0")),
            messages);
        Assert.Equal(
            lab.Truth.Devices.Select(d => d.HostName).Order(StringComparer.Ordinal),
            messages.Where(m => m.Item1 == 1).Select(m => m.Item2).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void SmallHome_TlsServerNames_MatchTruth()
    {
        var names = lab.Where("tls.handshake.type").Where(r => r["tls.handshake.type"].Split('|').Contains("1"))
            .Select(r => r["tls.handshake.extensions_server_name"]).ToList();
        Assert.Equal(lab.Truth.TlsHellos.OrderBy(h => h.Time).Select(h => h.ServerName ?? ""), names);
        Assert.Contains("api.kidwatch-cloud.example", names);
    }

    [Fact]
    public void SmallHome_HttpHostsUrisAndBodies_MatchTruth()
    {
        var requests = lab.Where("http.request.method")
            .Select(r => (r["http.request.method"], r["http.host"], r["http.request.uri"], r["http.file_data"])).ToList();
        Assert.Equal(lab.Truth.HttpRequests.Select(h => (h.Method, h.Host, h.Uri, h.Body ?? "")), requests);
        Assert.Contains(requests, r => r.Item2 == "gps.kidwatch-cloud.example" && r.Item4.Contains("\"lat\":", StringComparison.Ordinal));
    }

    [Fact]
    public void SmallHome_MqttTopicsAndPayloads_MatchTruth()
    {
        var publishes = lab.Where("mqtt.msgtype").Where(r => r["mqtt.msgtype"] == "3")
            .Select(r => (r["mqtt.topic"], TestCaptures.HexToText(r["mqtt.msg"]))).ToList();
        Assert.Equal(lab.Truth.MqttPublishes.Select(p => (p.Topic, p.Payload)), publishes);
        Assert.Equal(lab.Truth.MqttPublishes.Select(p => p.ClientId).Distinct(),
            lab.Where("mqtt.clientid").Select(r => r["mqtt.clientid"]).Distinct());
    }

    [Fact]
    public void SmallHome_TcpConnections_MatchTruthFlows()
    {
        var syns = lab.Rows.Where(r => r["tcp.flags.syn"] == "1" && r["tcp.flags.ack"] == "0").Select(r => r["tcp.dstport"]).ToList();
        var tcpFlows = lab.Truth.Flows.Where(f => f.Transport == "tcp").ToList();
        Assert.Equal(tcpFlows.Count, syns.Count);
        Assert.Equal(tcpFlows.Count(f => f.ServerPort == 1883), syns.Count(p => p == "1883"));
    }
}
