using DeviceWatch.Dissect.Common;
using DeviceWatch.Dissect.Tests.Tls;
using DeviceWatch.Dissect.Tls;

namespace DeviceWatch.Dissect.Tests.Quic;

/// <summary>ClientHello handshake messages for QUIC tests, and what the TLS-over-TCP dissector makes of them.</summary>
internal static class QuicTestHellos
{
    public static readonly DateTime Time = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// A browser-like QUIC ClientHello with a post-quantum key share (X25519Kyber768, 1216 bytes), so it needs two
    /// Initial datagrams: GREASE, SNI <c>pq.example</c>, ALPN h3, transport parameters.
    /// </summary>
    public static byte[] KyberHello()
    {
        var keyShare = new List<byte>();
        keyShare.AddRange([0x04, 0xe8]); // client_shares length: 2 + 2 + 1216 + 2 + 2 + 32 = 1256
        keyShare.AddRange([0x63, 0x99, 0x04, 0xc0]); // X25519Kyber768Draft00, 1216 bytes
        keyShare.AddRange(Enumerable.Range(0, 1216).Select(i => (byte)(i * 31 + 5)));
        keyShare.AddRange([0x00, 0x1d, 0x00, 0x20]); // x25519, 32 bytes
        keyShare.AddRange(Enumerable.Range(0, 32).Select(i => (byte)(i + 1)));
        var record = ClientHelloBuilder.Record(
            0x0303,
            [0x3a3a, 0x1301, 0x1302, 0x1303],
            [
                ClientHelloBuilder.Empty(0x2a2a),
                ClientHelloBuilder.Sni("pq.example"),
                ClientHelloBuilder.Alpn("h3"),
                ClientHelloBuilder.Groups(0x6399, 0x001d, 0x0017),
                ClientHelloBuilder.SignatureAlgorithms(0x0403, 0x0804, 0x0401),
                ClientHelloBuilder.SupportedVersions(0x0304),
                ((ushort)0x0033, keyShare.ToArray()),
                ((ushort)0x0039, [0x01, 0x04, 0x80, 0x00, 0x75, 0x30, 0x04, 0x04, 0x80, 0x10, 0x00, 0x00]),
                ClientHelloBuilder.Empty(0x002d),
            ]);
        return record[5..];
    }

    /// <summary>The ClientHello the TLS-over-TCP dissector reads from <paramref name="handshakeMessage"/> in one record.</summary>
    public static TlsClientHello OverTcp(byte[] handshakeMessage)
    {
        byte[] record = [22, 3, 1, (byte)(handshakeMessage.Length >> 8), (byte)handshakeMessage.Length, .. handshakeMessage];
        var sink = new QuicFactRecorder();
        new TlsHelloDissector().OnData(FlowDirection.FromOriginator, record, Time, sink);
        return Assert.IsType<TlsClientHello>(Assert.Single(sink.Facts));
    }

    /// <summary>Feeds client datagrams to a new dissector.</summary>
    public static QuicFactRecorder Feed(IEnumerable<byte[]> datagrams, DissectorLimits? limits = null)
    {
        var sink = new QuicFactRecorder();
        var dissector = new DeviceWatch.Dissect.Quic.QuicInitialDissector(limits);
        foreach (var datagram in datagrams)
        {
            dissector.OnDatagram(FlowDirection.FromOriginator, datagram, Time, sink);
        }
        return sink;
    }

    /// <summary>Renders a fact for comparisons: every field the dissector fills.</summary>
    public static string Describe(TlsClientHello hello) =>
        $"{hello.Direction} {hello.Timestamp:O} sni={hello.ServerName} alpn={string.Join(',', hello.Alpn)} " +
        $"ja3={hello.Ja3Text}/{hello.Ja3} ja4={hello.Ja4} ext={string.Join(',', hello.Extensions)} " +
        $"groups={string.Join(',', hello.SupportedGroups)} sv={string.Join(',', hello.SupportedVersions)} ech={hello.HasEncryptedClientHello}";
}
