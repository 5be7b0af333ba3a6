using DeviceWatch.Capture.Pipeline;
using DeviceWatch.Capture.Reading;
using DeviceWatch.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace DeviceWatch.EndToEnd.Tests.Oracle;

/// <summary>
/// tshark is the oracle: on every public capture, every DNS query name, TLS SNI and HTTP Host+URI that tshark
/// reports must appear in DeviceWatch's logs, and TCP/UDP flow counts must agree.
/// </summary>
public sealed class TsharkOracleTests(ITestOutputHelper output)
{
    public static TheoryData<string> PublicCaptures()
    {
        var data = new TheoryData<string>();
        foreach (var file in SharedCaptures.All())
        {
            data.Add(file);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PublicCaptures))]
    public void Analyze_PublicCapture_ReportsEverythingTsharkReports(string relativePath)
    {
        var path = SharedCaptures.File(relativePath);
        var expected = TsharkFacts.Read(path);
        var sink = new RecordingSink();
        var engine = new CaptureEngine(sink, analysis: null);
        try
        {
            CaptureFileReader.Read(path, engine);
        }
        catch (CaptureInputException ex)
        {
            output.WriteLine("stopped at damage: " + ex.Message);
        }

        engine.Complete();

        var dnsNames = sink.Dns.Where(d => d.Query is not null).Select(d => NormalizeEscapes(d.Query!)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var serverNames = sink.Tls.Where(t => t.ServerName is not null).Select(t => t.ServerName!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var httpRequests = sink.Http.Where(h => h.Uri is not null).Select(h => (h.Host ?? "") + " " + h.Uri).ToHashSet(StringComparer.Ordinal);

        var missingDns = expected.DnsNames.Where(n => !dnsNames.Contains(NormalizeEscapes(n)) && !dnsNames.Any(ours => SameExceptUnreadable(NormalizeEscapes(n), ours))).ToList();
        var missingSni = expected.ServerNames.Where(n => !serverNames.Contains(n)).ToList();
        var missingHttp = expected.HttpRequests.Where(r => !httpRequests.Contains(r)).ToList();
        var tcpFlows = DistinctFlows(sink, "tcp");
        var udpFlows = DistinctFlows(sink, "udp");

        output.WriteLine($"dns {dnsNames.Count}/{expected.DnsNames.Count} sni {serverNames.Count}/{expected.ServerNames.Count} http {httpRequests.Count}/{expected.HttpRequests.Count} tcp {tcpFlows}/{expected.TcpConversations} udp {udpFlows}/{expected.UdpConversations}");
        Assert.True(missingDns.Count == 0, "DNS names tshark reports but DeviceWatch does not: " + string.Join(", ", missingDns.Take(10)));
        Assert.True(missingSni.Count == 0, "SNIs tshark reports but DeviceWatch does not: " + string.Join(", ", missingSni.Take(10)));
        Assert.True(missingHttp.Count == 0, "HTTP requests tshark reports but DeviceWatch does not: " + string.Join(" | ", missingHttp.Take(10)));
        Assert.Equal(expected.TcpConversations, tcpFlows);
        Assert.Equal(expected.UdpConversations, udpFlows);
    }

    /// <summary>
    /// Names with non-printable bytes are escaped differently (tshark: its own \ooo form; DeviceWatch: RFC 1035
    /// \ddd); compare them with every escape replaced by one placeholder.
    /// </summary>
    private static string NormalizeEscapes(string name) =>
        System.Text.RegularExpressions.Regex.Replace(name, @"\\(\d{3}|.|$)", "?");

    /// <summary>
    /// Fuzzed names carry bytes that are not valid UTF-8: DeviceWatch shows U+FFFD (or an escape), tshark an
    /// ASCII rendering of its own. Such names match when they agree everywhere except at those characters.
    /// </summary>
    private static bool SameExceptUnreadable(string theirs, string ours)
    {
        if (theirs.Length != ours.Length || !ours.Any(c => c is '?' or '\uFFFD'))
        {
            return false;
        }

        for (var i = 0; i < ours.Length; i++)
        {
            if (ours[i] is not ('?' or '\uFFFD') && char.ToLowerInvariant(ours[i]) != char.ToLowerInvariant(theirs[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static int DistinctFlows(RecordingSink sink, string proto) =>
        sink.Conn.Where(c => c.Proto == proto)
            .Select(c => string.CompareOrdinal(c.OrigH + ":" + c.OrigP, c.RespH + ":" + c.RespP) < 0
                ? $"{c.OrigH}:{c.OrigP}|{c.RespH}:{c.RespP}"
                : $"{c.RespH}:{c.RespP}|{c.OrigH}:{c.OrigP}")
            .Distinct(StringComparer.Ordinal)
            .Count();
}
