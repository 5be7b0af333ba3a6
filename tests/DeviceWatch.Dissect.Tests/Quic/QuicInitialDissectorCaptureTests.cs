using DeviceWatch.Dissect.Common;
using DeviceWatch.Dissect.Quic;
using DeviceWatch.Dissect.Tls;

namespace DeviceWatch.Dissect.Tests.Quic;

/// <summary>Real captures, compared with tshark's decryption of the same Initial packets.</summary>
public sealed class QuicInitialDissectorCaptureTests
{
    public const string CurlGoogle = "zeek/quic_curl-8.1.2-dev-http3-www-google-de.pcap";
    public const string Ndpi = "ndpi/quic.pcap";

    public static TheoryData<string> Captures => [CurlGoogle, Ndpi];

    /// <summary>Feeds every flow's datagrams (both directions) to its own dissector; returns "stream sni alpn ja3" per ClientHello.</summary>
    private static (List<string> Hellos, List<string> Anomalies) Dissect(IReadOnlyList<QuicCaptureDatagram> datagrams)
    {
        var hellos = new List<string>();
        var anomalies = new List<string>();
        foreach (var flow in datagrams.GroupBy(d => d.Stream))
        {
            var sink = new QuicFactRecorder();
            var dissector = new QuicInitialDissector();
            foreach (var datagram in flow)
            {
                dissector.OnDatagram(datagram.Direction, datagram.Payload, QuicTestHellos.Time, sink);
            }
            hellos.AddRange(sink.Facts.Cast<TlsClientHello>().Select(h => $"{flow.Key} {h.ServerName} {string.Join('|', h.Alpn)} {h.Ja3}"));
            anomalies.AddRange(sink.Anomalies);
        }
        return (hellos, anomalies);
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void OnDatagram_EveryFlow_SameClientHellosAsTshark(string capture)
    {
        var expected = QuicCaptures.Fields(capture, "tls.handshake.type==1",
                "udp.stream", "tls.handshake.extensions_server_name", "tls.handshake.extensions_alpn_str", "tls.handshake.ja3")
            .Select(row => string.Join(' ', row))
            .ToList();

        var (actual, _) = Dissect(QuicCaptures.Datagrams(capture));

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void OnDatagram_CurlToGoogle_WwwGoogleDeH3WithQuicJa4AndNoAnomaly()
    {
        var datagrams = QuicCaptures.Datagrams(CurlGoogle);
        var sink = new QuicFactRecorder();
        var dissector = new QuicInitialDissector();

        var fed = 0;
        foreach (var datagram in datagrams.TakeWhile(_ => dissector.WantsMoreData))
        {
            dissector.OnDatagram(datagram.Direction, datagram.Payload, QuicTestHellos.Time, sink);
            fed++;
        }

        var hello = Assert.IsType<TlsClientHello>(Assert.Single(sink.Facts));
        Assert.Equal(1, fed); // the first datagram holds the whole ClientHello
        Assert.Equal("www.google.de", hello.ServerName);
        Assert.Equal(["h3", "h3-29", "h3-28", "h3-27"], hello.Alpn);
        Assert.Equal("771,4865-4866-4867,0-10-16-13-51-45-43-57,29-23-24,", hello.Ja3Text); // tshark's tls.handshake.ja3_full
        // Computed from tshark's cipher, extension and signature algorithm fields with the FoxIO JA4 rules (transport q).
        Assert.Equal("q13d0308h3_55b375c5d22e_f0736a66fa6b", hello.Ja4);
        Assert.Empty(sink.Anomalies);
    }

    [Fact]
    public void OnDatagram_NdpiGoogleQuic_NoFactAndOnlyVersionOrNoInitialAnomalies()
    {
        // ndpi/quic.pcap is Google QUIC (Q024-Q033, public-header format): nothing to decrypt, nothing to emit.
        var (hellos, anomalies) = Dissect(QuicCaptures.Datagrams(Ndpi));

        Assert.Empty(hellos);
        Assert.NotEmpty(anomalies);
        Assert.All(anomalies, a => Assert.Equal("quic/no_client_initial", a));
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void Probe_EveryDatagram_YesExactlyWhereTsharkSeesAnInitial(string capture)
    {
        var datagrams = QuicCaptures.Datagrams(capture);

        var expected = datagrams.Where(d => d.FirstPacketIsInitial).Select(d => d.Frame).ToList();
        var actual = datagrams.Where(d => QuicInitialDissector.Probe(d.Payload) == ProbeResult.Yes).Select(d => d.Frame).ToList();

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void OnDatagram_CurlFirstDatagramTruncatedAtEveryLength_FactOnlyOnceTheInitialPacketIsWhole()
    {
        // curl (ngtcp2) pads the datagram with zeros after its 334-byte Initial packet: any cut inside the packet loses
        // the ClientHello (and is counted), any cut in the trailing zeros keeps it.
        var first = QuicCaptures.Datagrams(CurlGoogle)[0].Payload;
        var packetLength = int.Parse(QuicCaptures.Fields(CurlGoogle, "frame.number==1", "quic.packet_length")[0][0], System.Globalization.CultureInfo.InvariantCulture);
        for (var length = 0; length <= first.Length; length++)
        {
            var sink = new QuicFactRecorder();
            new QuicInitialDissector().OnDatagram(FlowDirection.FromOriginator, first.AsSpan(0, length), QuicTestHellos.Time, sink);

            Assert.Equal(length >= packetLength ? 1 : 0, sink.Facts.Count);
            Assert.Equal(length > 0 && length < packetLength ? 1 : 0, sink.Anomalies.Count);
        }
    }
}
