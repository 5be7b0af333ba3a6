using DeviceWatch.Dissect.Common;
using DeviceWatch.Dissect.Quic;
using DeviceWatch.Dissect.Tls;
using static DeviceWatch.Dissect.Tests.Quic.QuicPacketBuilder;

namespace DeviceWatch.Dissect.Tests.Quic;

public sealed class QuicInitialDissectorTests
{
    private static readonly byte[] Dcid = Convert.FromHexString("0011223344556677");
    private static readonly byte[] Scid = Convert.FromHexString("a1a2a3a4");
    private static readonly byte[] ServerScid = Convert.FromHexString("5e5e5e5e5e5e5e5e");

    private static readonly byte[] s_kyberHello = QuicTestHellos.KyberHello();
    private static readonly string s_kyberExpected = Expected(s_kyberHello);

    /// <summary>What the QUIC dissector must emit for a hello: the TCP dissector's fact with JA4 starting with q.</summary>
    private static string Expected(byte[] hello)
    {
        var tcp = QuicTestHellos.OverTcp(hello);
        return QuicTestHellos.Describe(tcp with { Ja4 = "q" + tcp.Ja4[1..] });
    }

    private static string Single(QuicFactRecorder sink) => QuicTestHellos.Describe(Assert.IsType<TlsClientHello>(Assert.Single(sink.Facts)));

    /// <summary>A 1200-byte client datagram: one Initial carrying the given frames.</summary>
    private static byte[] Datagram(ulong packetNumber, byte[] frames, QuicVersionParameters? version = null, byte[]? dcid = null) =>
        Initial(version ?? QuicVersionParameters.V1, dcid ?? Dcid, Scid, packetNumber, Padded(frames, 1200 - 41));

    [Theory]
    [InlineData(QuicVersionParameters.Version1)]
    [InlineData(QuicVersionParameters.Version2)]
    public void OnDatagram_RfcClientInitial_EmitsExampleComHello(uint version)
    {
        var sink = new QuicFactRecorder();
        var dissector = new QuicInitialDissector();

        dissector.OnDatagram(FlowDirection.FromOriginator, QuicPacketBuilderTests.RfcClientPacket(QuicVersionParameters.Of(version)!), QuicTestHellos.Time, sink);

        var hello = Assert.IsType<TlsClientHello>(Assert.Single(sink.Facts));
        Assert.Equal("example.com", hello.ServerName);
        Assert.Equal(["alpn"], hello.Alpn);
        Assert.Equal(FlowDirection.FromOriginator, hello.Direction);
        Assert.Equal(QuicTestHellos.Time, hello.Timestamp);
        Assert.StartsWith("q13d", hello.Ja4);
        Assert.Equal(Expected(QuicRfcVectors.ClientHelloMessage), QuicTestHellos.Describe(hello));
        Assert.Empty(sink.Anomalies);
        Assert.False(dissector.WantsMoreData);
    }

    [Fact]
    public void OnDatagram_FromResponder_Ignored()
    {
        var sink = new QuicFactRecorder();
        var dissector = new QuicInitialDissector();

        dissector.OnDatagram(FlowDirection.FromResponder, QuicPacketBuilderTests.RfcClientPacket(QuicVersionParameters.V1), QuicTestHellos.Time, sink);

        Assert.Empty(sink.Facts);
        Assert.Empty(sink.Anomalies);
        Assert.True(dissector.WantsMoreData);
    }

    [Fact]
    public void OnDatagram_SameDatagramTwice_EmitsOnce()
    {
        var datagram = QuicPacketBuilderTests.RfcClientPacket(QuicVersionParameters.V1);

        var sink = QuicTestHellos.Feed([datagram, datagram]);

        Assert.Single(sink.Facts);
        Assert.Empty(sink.Anomalies);
    }

    [Fact]
    public void OnDatagram_KyberHelloSplitAtEveryOffsetOverTwoDatagrams_SameFactInEitherOrder()
    {
        for (var split = 1; split < s_kyberHello.Length; split++)
        {
            var first = Datagram(0, Crypto(0, s_kyberHello.AsSpan(0, split)));
            var second = Datagram(1, Crypto((ulong)split, s_kyberHello.AsSpan(split)));

            var inOrder = QuicTestHellos.Feed([first, second]);
            var reversed = QuicTestHellos.Feed([second, first]);

            Assert.Equal(s_kyberExpected, Single(inOrder));
            Assert.Equal(s_kyberExpected, Single(reversed));
            Assert.Empty(inOrder.Anomalies);
            Assert.Empty(reversed.Anomalies);
        }
    }

    [Fact]
    public void OnDatagram_OneByteCryptoFramesShuffledOverCoalescedPacketsAndDatagrams_SameFact()
    {
        // Byte by byte: every CRYPTO frame carries one byte; frames are shuffled, packed 300 to a packet, two packets
        // coalesced per datagram, with PING and PADDING frames between them (as Chrome's "chaos protection" does).
        var random = new Random(7);
        var frames = Enumerable.Range(0, s_kyberHello.Length)
            .Select(i => Crypto((ulong)i, s_kyberHello.AsSpan(i, 1)))
            .OrderBy(_ => random.Next())
            .ToList();
        var datagrams = new List<byte[]>();
        ulong packetNumber = 0;
        for (var i = 0; i < frames.Count; i += 600)
        {
            var packets = new List<byte>();
            for (var j = i; j < Math.Min(i + 600, frames.Count); j += 300)
            {
                byte[] payload = [0x01, .. frames.Skip(j).Take(Math.Min(300, frames.Count - j)).SelectMany(f => f.Concat(new byte[] { 0x00, 0x01 }))];
                packets.AddRange(Initial(QuicVersionParameters.V1, Dcid, Scid, packetNumber++, payload));
            }
            datagrams.Add([.. packets]);
        }

        var sink = QuicTestHellos.Feed(datagrams);

        Assert.Equal(s_kyberExpected, Single(sink));
        Assert.Empty(sink.Anomalies);
    }

    [Fact]
    public void OnDatagram_InitialCoalescedWithHandshakeAndTrailingPadding_EmitsWithoutAnomaly()
    {
        byte[] datagram =
        [
            .. Initial(QuicVersionParameters.V1, Dcid, Scid, 0, Crypto(0, QuicRfcVectors.ClientHelloMessage)),
            .. OtherLongHeader(QuicVersionParameters.V1, QuicVersionParameters.V1.HandshakeType, Dcid, Scid, 60),
            .. new byte[300],
        ];

        var sink = QuicTestHellos.Feed([datagram]);

        Assert.Equal(Expected(QuicRfcVectors.ClientHelloMessage), Single(sink));
        Assert.Empty(sink.Anomalies);
    }

    [Fact]
    public void OnDatagram_ZeroRttAndHandshakeBeforeInitialInDatagram_StillReadsInitial()
    {
        byte[] datagram =
        [
            .. OtherLongHeader(QuicVersionParameters.V2, QuicVersionParameters.V2.ZeroRttType, Dcid, Scid, 40),
            .. Initial(QuicVersionParameters.V2, Dcid, Scid, 0, Crypto(0, QuicRfcVectors.ClientHelloMessage)),
        ];

        var sink = QuicTestHellos.Feed([datagram]);

        Assert.Equal("example.com", Assert.IsType<TlsClientHello>(Assert.Single(sink.Facts)).ServerName);
        Assert.Empty(sink.Anomalies);
    }

    [Fact]
    public void OnDatagram_CoalescedPacketOfOtherConnectionId_Ignored()
    {
        var hello = QuicRfcVectors.ClientHelloMessage;
        var otherDcid = Convert.FromHexString("9999999999999999");
        byte[] datagram =
        [
            .. Initial(QuicVersionParameters.V1, Dcid, Scid, 0, Crypto(0, hello.AsSpan(0, 100))),
            .. Initial(QuicVersionParameters.V1, otherDcid, Scid, 1, Crypto(100, hello.AsSpan(100)), keys: QuicInitialKeys.Derive(QuicVersionParameters.V1, Dcid, true)),
        ];

        var sink = QuicTestHellos.Feed([datagram]);

        Assert.Empty(sink.Facts);
        Assert.Empty(sink.Anomalies);
    }

    [Fact]
    public void OnDatagram_ShortHeaderAndHandshakeOnlyDatagrams_IgnoredThenGivenUp()
    {
        var sink = new QuicFactRecorder();
        var dissector = new QuicInitialDissector();
        byte[] shortHeader = [0x43, .. Dcid, .. new byte[40]];
        var handshake = OtherLongHeader(QuicVersionParameters.V1, QuicVersionParameters.V1.HandshakeType, Dcid, Scid, 50);

        for (var i = 0; i < 7; i++)
        {
            dissector.OnDatagram(FlowDirection.FromOriginator, i % 2 == 0 ? shortHeader : handshake, QuicTestHellos.Time, sink);
        }
        Assert.Empty(sink.Anomalies);
        Assert.True(dissector.WantsMoreData);

        dissector.OnDatagram(FlowDirection.FromOriginator, shortHeader, QuicTestHellos.Time, sink);

        Assert.Equal(["quic/no_client_initial"], sink.Anomalies);
        Assert.False(dissector.WantsMoreData);
    }

    [Fact]
    public void OnDatagram_FirstHalfThenClientMovesOn_IncompleteClientHello()
    {
        var hello = QuicRfcVectors.ClientHelloMessage;
        byte[] shortHeader = [0x43, .. Dcid, .. new byte[40]];

        var sink = QuicTestHellos.Feed([Datagram(0, Crypto(0, hello.AsSpan(0, 100))), .. Enumerable.Repeat(shortHeader, 8)]);

        Assert.Empty(sink.Facts);
        Assert.Equal(["quic/incomplete_client_hello"], sink.Anomalies);
    }

    [Fact]
    public void OnDatagram_ClientSwitchedToServerConnectionId_KeepsOriginalKeys()
    {
        // After the server's Initial the client addresses the server's connection ID, but Initial keys stay those of
        // its first Destination Connection ID (RFC 9001 §5.2).
        var hello = s_kyberHello;
        var originalKeys = QuicInitialKeys.Derive(QuicVersionParameters.V1, Dcid, true);
        var first = Datagram(0, Crypto(0, hello.AsSpan(0, 1000)));
        var second = Initial(QuicVersionParameters.V1, ServerScid, Scid, 1, Padded([0x02, 0x00, 0x00, 0x00, 0x00, .. Crypto(1000, hello.AsSpan(1000))], 1100), keys: originalKeys);

        var sink = QuicTestHellos.Feed([first, second]);

        Assert.Equal(s_kyberExpected, Single(sink));
        Assert.Empty(sink.Anomalies);
    }

    [Fact]
    public void OnDatagram_AfterRetry_UsesKeysOfNewConnectionIdAndRestartsStream()
    {
        // The first attempt's partial stream (wrong bytes, to prove it is discarded) is keyed by the original ID; after a
        // Retry the client sends the whole ClientHello again under keys of the Retry's Source Connection ID.
        var hello = s_kyberHello;
        byte[] garbage = [.. Enumerable.Repeat((byte)0xee, 1000)];
        var beforeRetry = Datagram(0, Crypto(300, garbage));
        var afterRetry1 = Datagram(0, Crypto(0, hello.AsSpan(0, 700)), dcid: ServerScid);
        var afterRetry2 = Datagram(1, Crypto(700, hello.AsSpan(700)), dcid: ServerScid);

        var sink = QuicTestHellos.Feed([beforeRetry, afterRetry1, afterRetry2]);

        Assert.Equal(s_kyberExpected, Single(sink));
        Assert.Empty(sink.Anomalies);
    }

    [Fact]
    public void OnDatagram_AckPingAndAckEcnFramesBeforeCrypto_Parsed()
    {
        byte[] frames =
        [
            0x02, 0x05, 0x40, 0x10, 0x01, 0x02, 0x01, 0x01, // ACK largest 5, delay 16, 1 extra range
            0x01, // PING
            0x03, 0x03, 0x00, 0x00, 0x00, 0x07, 0x08, 0x09, // ACK with ECN counts
            .. Crypto(0, QuicRfcVectors.ClientHelloMessage),
        ];

        var sink = QuicTestHellos.Feed([Datagram(3, frames)]);

        Assert.Equal(Expected(QuicRfcVectors.ClientHelloMessage), Single(sink));
        Assert.Empty(sink.Anomalies);
    }

    [Fact]
    public void OnDatagram_StreamFrameAfterCrypto_CountsUnexpectedFrameAndStillEmits()
    {
        byte[] frames = [.. Crypto(0, QuicRfcVectors.ClientHelloMessage), 0x08, 0x00, 0x01, 0x02];

        var sink = QuicTestHellos.Feed([Datagram(0, frames)]);

        Assert.Single(sink.Facts);
        Assert.Equal(["quic/unexpected_frame"], sink.Anomalies);
    }

    [Fact]
    public void OnDatagram_CryptoLengthBeyondPacket_CountsBadFrame()
    {
        byte[] frames = [0x06, 0x00, 0x44, 0x00, 0x01, 0x00];

        var sink = QuicTestHellos.Feed([Initial(QuicVersionParameters.V1, Dcid, Scid, 0, frames)]);

        Assert.Empty(sink.Facts);
        Assert.Equal(["quic/bad_frame"], sink.Anomalies);
    }

    [Fact]
    public void OnDatagram_CorruptedThenRetransmitted_CountsDecryptFailedThenEmits()
    {
        var good = Datagram(0, Crypto(0, QuicRfcVectors.ClientHelloMessage));
        var corrupted = (byte[])good.Clone();
        corrupted[500] ^= 1;

        var sink = QuicTestHellos.Feed([corrupted, good]);

        Assert.Single(sink.Facts);
        Assert.Equal(["quic/decrypt_failed"], sink.Anomalies);
    }

    [Fact]
    public void OnDatagram_ReservedBitsSet_CountedAndPacketDropped()
    {
        var sink = QuicTestHellos.Feed([Initial(QuicVersionParameters.V1, Dcid, Scid, 0, Crypto(0, QuicRfcVectors.ClientHelloMessage), reservedBits: 0x04)]);

        Assert.Empty(sink.Facts);
        Assert.Equal(["quic/reserved_bits"], sink.Anomalies);
    }

    [Fact]
    public void OnDatagram_HelloLargerThanLimit_CountsTooLargeAndGivesUp()
    {
        var sink = new QuicFactRecorder();
        var dissector = new QuicInitialDissector(new DissectorLimits { MaxTlsHandshake = 1000 });

        dissector.OnDatagram(FlowDirection.FromOriginator, Datagram(0, Crypto(0, s_kyberHello.AsSpan(0, 900))), QuicTestHellos.Time, sink);

        Assert.Empty(sink.Facts);
        Assert.Equal(["quic/handshake_too_large"], sink.Anomalies);
        Assert.False(dissector.WantsMoreData);
    }

    [Fact]
    public void OnDatagram_HelloExactlyAtLimit_Emitted()
    {
        var limits = new DissectorLimits { MaxTlsHandshake = s_kyberHello.Length - 4 };
        var first = Datagram(0, Crypto(0, s_kyberHello.AsSpan(0, 1000)));
        var second = Datagram(1, [.. Crypto(1000, s_kyberHello.AsSpan(1000)), .. Crypto((ulong)s_kyberHello.Length, new byte[50])]);

        var sink = QuicTestHellos.Feed([second, first], limits);

        Assert.Equal(s_kyberExpected, Single(sink));
    }

    [Fact]
    public void OnDatagram_CryptoStreamNotStartingWithClientHello_CountsNotClientHello()
    {
        byte[] serverHello = [0x02, 0x00, 0x00, 0x04, 0x03, 0x03, 0x00, 0x00];

        var sink = QuicTestHellos.Feed([Datagram(0, Crypto(0, serverHello))]);

        Assert.Empty(sink.Facts);
        Assert.Equal(["quic/not_client_hello"], sink.Anomalies);
    }

    [Fact]
    public void OnDatagram_MalformedClientHelloBody_CountsBadClientHello()
    {
        byte[] message = [0x01, 0x00, 0x00, 0x05, 0x03, 0x03, 0x01, 0x02, 0x03];

        var sink = QuicTestHellos.Feed([Datagram(0, Crypto(0, message))]);

        Assert.Empty(sink.Facts);
        Assert.Equal(["quic/bad_client_hello"], sink.Anomalies);
    }

    [Fact]
    public void OnDatagram_DraftVersionFirst_CountsUnsupportedVersionAndGivesUp()
    {
        var datagram = QuicPacketBuilderTests.RfcClientPacket(QuicVersionParameters.V1);
        datagram[1] = 0xff;
        datagram[4] = 0x16; // draft-22: not decryptable
        var sink = new QuicFactRecorder();
        var dissector = new QuicInitialDissector();

        dissector.OnDatagram(FlowDirection.FromOriginator, datagram, QuicTestHellos.Time, sink);

        Assert.Equal(["quic/unsupported_version"], sink.Anomalies);
        Assert.False(dissector.WantsMoreData);
    }

    [Fact]
    public void OnDatagram_ConnectionIdLongerThan20_CountsBadHeader()
    {
        byte[] datagram = [0xc3, 0x00, 0x00, 0x00, 0x01, 21, .. new byte[100]];

        var sink = QuicTestHellos.Feed([datagram]);

        Assert.Equal(["quic/bad_header"], sink.Anomalies);
    }

    [Fact]
    public void OnDatagram_InitialTooShortForSample_CountsShortPacket()
    {
        var sink = QuicTestHellos.Feed([[0xc3, 0x00, 0x00, 0x00, 0x01, 0x08, .. Dcid, 0x00, 0x00, 0x10, .. new byte[16]]]);

        Assert.Equal(["quic/short_packet"], sink.Anomalies);
    }

    [Fact]
    public void OnDatagram_RfcPacketTruncatedAtEveryLength_NoFactNoExceptionThenFullPacketEmits()
    {
        var full = QuicPacketBuilderTests.RfcClientPacket(QuicVersionParameters.V1);
        for (var length = 0; length < full.Length; length++)
        {
            var sink = new QuicFactRecorder();
            var dissector = new QuicInitialDissector();

            dissector.OnDatagram(FlowDirection.FromOriginator, full.AsSpan(0, length), QuicTestHellos.Time, sink);
            Assert.Empty(sink.Facts);
            Assert.Equal(length == 0 ? [] : ["quic/truncated_packet"], sink.Anomalies);

            dissector.OnDatagram(FlowDirection.FromOriginator, full, QuicTestHellos.Time, sink);
            Assert.Equal("example.com", Assert.IsType<TlsClientHello>(Assert.Single(sink.Facts)).ServerName);
        }
    }

    [Theory]
    [InlineData(QuicVersionParameters.Version1)]
    [InlineData(QuicVersionParameters.Version2)]
    public void Probe_RfcClientInitial_Yes(uint version) =>
        Assert.Equal(ProbeResult.Yes, QuicInitialDissector.Probe(QuicPacketBuilderTests.RfcClientPacket(QuicVersionParameters.Of(version)!)));

    [Fact]
    public void Probe_TruncatedRfcInitial_NoAtEveryShorterLength()
    {
        var full = QuicPacketBuilderTests.RfcClientPacket(QuicVersionParameters.V1);
        for (var length = 0; length < full.Length; length++)
        {
            Assert.Equal(ProbeResult.No, QuicInitialDissector.Probe(full.AsSpan(0, length)));
        }
    }

    [Fact]
    public void Probe_OtherPackets_No()
    {
        var v1Initial = QuicPacketBuilderTests.RfcClientPacket(QuicVersionParameters.V1);
        byte[] v1TypeBitsUnderV2 = [.. v1Initial];
        v1TypeBitsUnderV2[1] = 0x6b; v1TypeBitsUnderV2[2] = 0x33; v1TypeBitsUnderV2[3] = 0x43; v1TypeBitsUnderV2[4] = 0xcf;

        Assert.Equal(ProbeResult.No, QuicInitialDissector.Probe(OtherLongHeader(QuicVersionParameters.V1, QuicVersionParameters.V1.HandshakeType, Dcid, Scid, 100)));
        Assert.Equal(ProbeResult.No, QuicInitialDissector.Probe([0x43, .. Dcid, .. new byte[1200]]));
        Assert.Equal(ProbeResult.No, QuicInitialDissector.Probe(v1TypeBitsUnderV2)); // a v2 Retry, not an Initial
        Assert.Equal(ProbeResult.No, QuicInitialDissector.Probe(Initial(QuicVersionParameters.V1, [1, 2, 3, 4], Scid, 0, new byte[1100]))); // DCID < 8
        Assert.Equal(ProbeResult.No, QuicInitialDissector.Probe([0x0d, .. new byte[1300]])); // gQUIC public header
    }
}
