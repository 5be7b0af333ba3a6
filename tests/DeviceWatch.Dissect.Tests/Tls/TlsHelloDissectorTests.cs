using DeviceWatch.Dissect.Common;
using DeviceWatch.Dissect.Tls;

namespace DeviceWatch.Dissect.Tests.Tls;

public sealed class TlsHelloDissectorTests
{
    public static TheoryData<string> Cases => TlsCaptureCase.Names();

    [Theory]
    [MemberData(nameof(Cases))]
    public void ClientHello_RealCapture_MatchesTshark(string name)
    {
        var c = TlsCaptureCase.Named(name);
        var sink = DissectorRun.Whole(new TlsHelloDissector(), c.Segments);

        var hello = sink.Facts.OfType<TlsClientHello>().First();
        Assert.Equal(FlowDirection.FromOriginator, hello.Direction);
        Assert.Equal(c.Ja3Text, hello.Ja3Text);
        Assert.Equal(c.Ja3, hello.Ja3);
        Assert.Equal(c.ServerName, hello.ServerName);
        Assert.Equal(c.Alpn, hello.Alpn);
        Assert.Equal(c.SupportedVersions, hello.SupportedVersions);
        Assert.Equal(c.HasEncryptedClientHello, hello.HasEncryptedClientHello);
        Assert.Equal((ushort)0x0303, hello.LegacyVersion);
        Assert.Empty(sink.Anomalies);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ServerHello_RealCapture_MatchesTshark(string name)
    {
        var c = TlsCaptureCase.Named(name);
        var sink = DissectorRun.Whole(new TlsHelloDissector(), c.Segments);

        var hello = sink.Facts.OfType<TlsServerHello>().Last();
        Assert.Equal(FlowDirection.FromResponder, hello.Direction);
        Assert.False(hello.IsHelloRetryRequest);
        Assert.Equal(c.ServerCipher, hello.CipherSuite);
        Assert.Equal(c.SelectedVersion, hello.SelectedVersion);
        Assert.Equal(c.ServerAlpn, hello.Alpn);
        Assert.Equal(c.SelectedVersion ?? 0x0303, hello.NegotiatedVersion);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void OnData_EverySplitAndByteByByte_SameFacts(string name) =>
        DissectorRun.AssertChunkingInvariant(() => new TlsHelloDissector(), TlsCaptureCase.Named(name).Segments);

    [Theory]
    [MemberData(nameof(Cases))]
    public void OnData_TruncatedAtEveryLength_NoExceptionAndPrefixOfFacts(string name) =>
        DissectorRun.AssertTruncationSafe(() => new TlsHelloDissector(), TlsCaptureCase.Named(name).Segments);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Ja4_RealCapture_HasSpecShapeAndCounts(string name)
    {
        var c = TlsCaptureCase.Named(name);
        var hello = DissectorRun.Whole(new TlsHelloDissector(), c.Segments).Facts.OfType<TlsClientHello>().First();

        // JA4_a from the tshark-confirmed fields: version, SNI marker, counts without GREASE, ALPN first/last.
        var version = c.SupportedVersions.Length > 0 ? c.SupportedVersions.Max() : hello.LegacyVersion;
        var ciphers = c.Ja3Text.Split(',')[1].Split('-').Length;
        var extensions = c.Ja3Text.Split(',')[2].Split('-').Length;
        var alpn = c.Alpn.Length == 0 ? "00" : $"{c.Alpn[0][0]}{c.Alpn[0][^1]}";
        var expectedA = $"t{(version == 0x0304 ? "13" : "12")}{(c.ServerName is null && !hello.Extensions.Contains((ushort)0) ? 'i' : 'd')}" +
                        $"{Math.Min(99, ciphers):00}{Math.Min(99, extensions):00}{alpn}";
        Assert.Matches("^[a-z0-9]{10}_[0-9a-f]{12}_[0-9a-f]{12}$", hello.Ja4);
        Assert.Equal(expectedA, hello.Ja4[..10]);
    }

    [Fact]
    public void HugeClientHello_SpansTwelveSegments_OneHelloAndWantsNoMore()
    {
        var dissector = new TlsHelloDissector();
        var sink = DissectorRun.Whole(dissector, TlsCaptureVectors.HugeClientHello, end: false);

        Assert.True(TlsCaptureVectors.HugeClientHello.Count(s => s.FromOriginator) >= 12);
        Assert.Single(sink.Facts.OfType<TlsClientHello>());
        Assert.Single(sink.Facts.OfType<TlsServerHello>());
        Assert.False(dissector.WantsMoreData); // TLS 1.3: nothing more in cleartext after both hellos
    }

    [Fact]
    public void HugeClientHello_LargerThanLimit_CountedAndNotEmitted()
    {
        var dissector = new TlsHelloDissector(new DissectorLimits { MaxTlsHandshake = 4096 });
        var sink = DissectorRun.Whole(dissector, TlsCaptureVectors.HugeClientHello);

        Assert.Empty(sink.Facts.OfType<TlsClientHello>());
        Assert.Contains("tls:handshake_too_large", sink.Anomalies);
        Assert.Single(sink.Facts.OfType<TlsServerHello>());
    }

    [Fact]
    public void PinningClient_CleartextUnknownCaAlert_EmittedAfterBothHellos()
    {
        var dissector = new TlsHelloDissector();
        var sink = new FactRecorder();
        var sawFalseBeforeAlert = false;
        for (var i = 0; i < TlsCaptureVectors.LivePinnedAlert.Length; i++)
        {
            var segment = TlsCaptureVectors.LivePinnedAlert[i];
            sawFalseBeforeAlert |= !dissector.WantsMoreData && !sink.Facts.OfType<TlsAlert>().Any();
            dissector.OnData(DissectorRun.DirectionOf(segment), segment.Bytes, DissectorRun.TimeOf(i), sink);
        }

        var alert = Assert.Single(sink.Facts.OfType<TlsAlert>());
        Assert.Equal(FlowDirection.FromOriginator, alert.Direction);
        Assert.Equal(2, alert.Level);
        Assert.Equal(48, alert.Description); // unknown_ca, as tshark shows
        Assert.False(sawFalseBeforeAlert);
        Assert.False(dissector.WantsMoreData);
    }

    [Fact]
    public void Tls12_EncryptedAlertsAfterChangeCipherSpec_NotReported()
    {
        var dissector = new TlsHelloDissector();
        var sink = DissectorRun.Whole(dissector, TlsCaptureVectors.LiveTls12, end: false);

        Assert.Empty(sink.Facts.OfType<TlsAlert>());
        Assert.Equal(["TlsClientHello", "TlsServerHello"], sink.Facts.Select(f => f.GetType().Name));
        Assert.False(dissector.WantsMoreData);
        Assert.Empty(sink.Anomalies);
    }

    [Fact]
    public void Tls12_BothHellosButClientStillInCleartext_WantsMoreData()
    {
        var dissector = new TlsHelloDissector();
        var sink = new FactRecorder();
        var segments = TlsCaptureVectors.NdpiCurl;
        dissector.OnData(FlowDirection.FromOriginator, segments[0].Bytes, DissectorRun.T0, sink);
        foreach (var s in segments.Where(s => !s.FromOriginator))
        {
            dissector.OnData(FlowDirection.FromResponder, s.Bytes, DissectorRun.T0, sink);
        }
        Assert.Equal(2, sink.Facts.Count);
        Assert.True(dissector.WantsMoreData); // a TLS 1.2 client may still send a cleartext alert

        foreach (var s in segments.Skip(1).Where(s => s.FromOriginator))
        {
            dissector.OnData(FlowDirection.FromOriginator, s.Bytes, DissectorRun.T0, sink);
        }
        Assert.False(dissector.WantsMoreData); // its ChangeCipherSpec ends the cleartext part
    }

    [Fact]
    public void HelloRetryRequest_SecondClientHelloAfterChangeCipherSpec_Read()
    {
        var dissector = new TlsHelloDissector();
        var sink = DissectorRun.Whole(dissector, TlsCaptureVectors.LiveHelloRetry, end: false);

        Assert.Equal(["TlsClientHello", "TlsServerHello", "TlsClientHello", "TlsServerHello"], sink.Facts.Select(f => f.GetType().Name));
        var serverHellos = sink.Facts.OfType<TlsServerHello>().ToList();
        Assert.True(serverHellos[0].IsHelloRetryRequest);
        Assert.False(serverHellos[1].IsHelloRetryRequest);
        Assert.Equal("TLSv1.3", TlsNames.VersionName(serverHellos[1].NegotiatedVersion));
        Assert.False(dissector.WantsMoreData);
        Assert.Empty(sink.Anomalies);
    }

    [Fact]
    public void Sslv2CompatibleHello_CountedAndGivenUp()
    {
        // SSLv2 CLIENT-HELLO: 2-byte header with the high bit, msg type 1, version 3.1, spec lengths, ciphers, challenge.
        var hello = Convert.FromHexString("802e0103010015000000100100800300800700c0060040020080040080000039000038" + "00003500003300003200000400000500002f");
        var dissector = new TlsHelloDissector();
        var sink = new FactRecorder();
        dissector.OnData(FlowDirection.FromOriginator, hello, DissectorRun.T0, sink);

        Assert.Equal(["tls:sslv2_hello"], sink.Anomalies);
        Assert.Empty(sink.Facts);
        Assert.False(dissector.WantsMoreData);
        Assert.Equal(ProbeResult.No, TlsHelloDissector.Probe(hello));
    }

    [Fact]
    public void NotTls_HttpRequest_CountedAndGivenUp()
    {
        var dissector = new TlsHelloDissector();
        var sink = new FactRecorder();
        dissector.OnData(FlowDirection.FromOriginator, "GET / HTTP/1.1\r\nHost: x\r\n\r\n"u8, DissectorRun.T0, sink);

        Assert.Equal(["tls:not_tls"], sink.Anomalies);
        Assert.False(dissector.WantsMoreData);
    }

    [Fact]
    public void OnGap_InsideClientHello_CountedAndDirectionFinished()
    {
        var dissector = new TlsHelloDissector();
        var sink = new FactRecorder();
        var first = TlsCaptureVectors.HugeClientHello[0].Bytes;
        dissector.OnData(FlowDirection.FromOriginator, first, DissectorRun.T0, sink);
        dissector.OnGap(FlowDirection.FromOriginator, 1024, DissectorRun.T0, sink);
        foreach (var s in TlsCaptureVectors.HugeClientHello.Skip(2).Where(s => s.FromOriginator))
        {
            dissector.OnData(FlowDirection.FromOriginator, s.Bytes, DissectorRun.T0, sink);
        }

        Assert.Equal(["tls:truncated_handshake"], sink.Anomalies);
        Assert.Empty(sink.Facts);
    }

    [Fact]
    public void OnEnd_InsideClientHello_CountsTruncatedHandshake()
    {
        var dissector = new TlsHelloDissector();
        var sink = new FactRecorder();
        dissector.OnData(FlowDirection.FromOriginator, TlsCaptureVectors.LiveTls13[0].Bytes.AsSpan(0, 100), DissectorRun.T0, sink);
        dissector.OnEnd(DissectorRun.T0, sink);

        Assert.Equal(["tls:truncated_handshake"], sink.Anomalies);
        Assert.False(dissector.WantsMoreData);
    }

    [Fact]
    public void MalformedClientHello_BadExtensionLength_CountedNotThrown()
    {
        // server_name list length 16 overruns the 6-byte extension body.
        var record = ClientHelloBuilder.Record(0x0303, [0x1301], [(0x0000, [0x00, 0x10, 0x00, 0x00, 0x01, 0x61])]);
        var sink = new FactRecorder();
        new TlsHelloDissector().OnData(FlowDirection.FromOriginator, record, DissectorRun.T0, sink);

        Assert.Equal(["tls:bad_client_hello"], sink.Anomalies);
        Assert.Empty(sink.Facts);
    }

    [Fact]
    public void ClientHello_FromResponderOrServerHelloFromOriginator_Ignored()
    {
        var sink = new FactRecorder();
        var dissector = new TlsHelloDissector();
        dissector.OnData(FlowDirection.FromResponder, TlsCaptureVectors.LiveTls13[0].Bytes, DissectorRun.T0, sink);
        Assert.Empty(sink.Facts);
        Assert.True(dissector.WantsMoreData);
    }
}
