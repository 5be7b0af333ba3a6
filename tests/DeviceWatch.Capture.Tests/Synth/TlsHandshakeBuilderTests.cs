using System.Buffers.Binary;
using DeviceWatch.Capture.Tests.Writing;
using DeviceWatch.Synth.Payloads;

namespace DeviceWatch.Capture.Tests.Synth;

public sealed class TlsHandshakeBuilderTests
{
    [Fact]
    public void ClientHello_RecordAndHandshakeLengths_MatchContent()
    {
        var hello = new TlsHandshakeBuilder(new TlsClientHelloSpec { ServerName = "a.example" }, new TlsServerHelloSpec(), new Random(1)).ClientHello();

        Assert.Equal([22, 3, 1], hello[..3]);
        Assert.Equal(hello.Length - 5, BinaryPrimitives.ReadUInt16BigEndian(hello.AsSpan(3)));
        Assert.Equal(1, hello[5]);
        Assert.Equal(hello.Length - 9, (hello[6] << 16) | (hello[7] << 8) | hello[8]);
        Assert.Equal([3, 3], hello[9..11]);
    }

    [Fact]
    public void Builder_SameSeed_SameBytes()
    {
        static byte[] Build(int seed)
        {
            var builder = new TlsHandshakeBuilder(new TlsClientHelloSpec { ServerName = "a.example" }, new TlsServerHelloSpec(), new Random(seed));
            return [.. builder.ClientHello(), .. builder.ServerFlight(), .. builder.ApplicationData(100)];
        }

        Assert.Equal(Build(5), Build(5));
        Assert.NotEqual(Build(5), Build(6));
    }

    [Fact]
    public void ApplicationData_LargerThanOneRecord_SplitsAt16K()
    {
        var data = new TlsHandshakeBuilder(new TlsClientHelloSpec(), new TlsServerHelloSpec(), new Random(1)).ApplicationData(40_000);
        var lengths = new List<int>();
        for (var at = 0; at < data.Length; at += 5 + lengths[^1])
        {
            Assert.Equal(23, data[at]);
            lengths.Add(BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(at + 3)));
        }

        Assert.Equal([16384 + 17, 16384 + 17, 40_000 - 32768 + 17], lengths);
    }

    [Theory]
    [InlineData(TlsVersions.Tls13, "0x0304")]
    [InlineData(TlsVersions.Tls12, "")]
    public void Handshake_BothVersions_TsharkDecodesHellos(ushort version, string serverSupportedVersion)
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.File("tls.pcap");
        var tls13 = version == TlsVersions.Tls13;
        var builder = new TlsHandshakeBuilder(
            new TlsClientHelloSpec
            {
                ServerName = "api.kidwatch-cloud.example",
                Alpn = ["h2", "http/1.1"],
                SupportedVersions = tls13 ? [TlsVersions.Tls13, TlsVersions.Tls12] : [],
                KeyShareGroups = [0x001D, 0x0017],
            },
            new TlsServerHelloSpec { Version = version, Alpn = "h2" },
            new Random(3));
        TestCaptures.WriteTcp(path, 443,
        [
            (true, builder.ClientHello()),
            (false, builder.ServerFlight()),
            (true, builder.ClientFinishFlight()),
            (false, builder.ServerFinishFlight()),
            (true, builder.ApplicationData(700)),
            (false, builder.ApplicationData(30_000)),
        ]);

        Assert.Empty(TestCaptures.Problems(path));
        var hello = Tshark.Fields(path, ["tls.handshake.extensions_server_name", "tls.handshake.extensions_alpn_str", "tls.handshake.extensions.supported_version",
            "tls.handshake.extensions_supported_group", "tls.handshake.extensions_key_share_group", "tls.handshake.sig_hash_alg"], "tls.handshake.type == 1");
        Assert.Equal("api.kidwatch-cloud.example", Assert.Single(hello)[0]);
        Assert.Equal("h2|http/1.1", hello[0][1]);
        Assert.Equal(tls13 ? "0x0304|0x0303" : "", hello[0][2]);
        Assert.Equal("0x001d|0x0017|0x0018", hello[0][3]);
        Assert.Equal(tls13 ? "29|23" : "", hello[0][4]);
        Assert.Equal("0x0403|0x0804|0x0401|0x0503|0x0805|0x0501|0x0806|0x0601", hello[0][5]);
        var server = Tshark.Fields(path, ["tls.handshake.extensions.supported_version", "tls.handshake.ciphersuite", "tls.handshake.extensions_alpn_str"], "tls.handshake.type == 2");
        Assert.Equal([serverSupportedVersion, tls13 ? "0x1301" : "0xc02f", tls13 ? "" : "h2"], Assert.Single(server));
        var appData = Tshark.Values(path, "tls.app_data", "tls.app_data");
        Assert.True(appData.Count >= 3, $"{appData.Count} frames with application data");
    }
}
