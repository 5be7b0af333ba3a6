using DeviceWatch.Dissect.Common;
using DeviceWatch.Dissect.Tls;
using static DeviceWatch.Dissect.Tests.Tls.ClientHelloBuilder;

namespace DeviceWatch.Dissect.Tests.Tls;

/// <summary>
/// JA3/JA4 against published reference values: the FoxIO ja4 repository's expected outputs
/// (python/test/testdata/sigalg-grease.pcapng.json and the rust tls.rs unit test) and a browserleaks.com report of a
/// Chrome 143 hello that lists JA3 text/hash and JA4 with its raw original-order form (ja4_ro). The hellos are rebuilt
/// from the raw original-order fields, with GREASE values added where a real Chrome hello has them.
/// </summary>
public sealed class Ja4ReferenceTests
{
    private static readonly ushort[] s_chromeCiphers =
        [0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc013, 0xc014, 0x009c, 0x009d, 0x002f, 0x0035];

    private static readonly ushort[] s_chromeSignatureAlgorithms = [0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601];

    private static TlsClientHello Dissect(byte[] record)
    {
        var sink = new FactRecorder();
        new TlsHelloDissector().OnData(FlowDirection.FromOriginator, record, DissectorRun.T0, sink);
        Assert.Empty(sink.Anomalies);
        return Assert.IsType<TlsClientHello>(Assert.Single(sink.Facts));
    }

    [Fact]
    public void Ja4_FoxIoSigalgGreaseVector_Matches()
    {
        // ja4_ro: t13d1517h2_<ciphers>_fe0d,0010,0017,0033,44cd,ff01,000a,000d,0023,002b,000b,ca34,002d,0000,0005,001b,0012_0904,...
        (ushort, byte[])[] extensions =
        [
            Empty(0x2a2a), // GREASE
            (0xfe0d, [0, 1, 2, 3]),
            Alpn("h2", "http/1.1"),
            Empty(0x0017),
            (0x0033, [0, 0]),
            (0x44cd, [0, 3, 2, 0x68, 0x32]),
            (0xff01, [0]),
            Groups(0x3a3a, 0x11ec, 0x001d, 0x0017, 0x0018),
            SignatureAlgorithms(0x0904, 0x0905, 0x0906, 0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601),
            Empty(0x0023),
            SupportedVersions(0x4a4a, 0x0304, 0x0303),
            PointFormats(0),
            (0xca34, []),
            (0x002d, [1, 1]),
            Sni("optimizationguide-pa.googleapis.com"),
            (0x0005, [1, 0, 0, 0, 0]),
            (0x001b, [2, 0, 2]),
            Empty(0x0012),
            (0x9a9a, [0]), // GREASE
        ];
        var hello = Dissect(Record(0x0303, [0x1a1a, .. s_chromeCiphers], extensions));

        Assert.Equal("t13d1517h2_8daaf6152771_cb7bf5808d99", hello.Ja4);
        Assert.Equal("optimizationguide-pa.googleapis.com", hello.ServerName);
        Assert.Equal([0x0304, 0x0303], hello.SupportedVersions);
        Assert.True(hello.HasEncryptedClientHello);
    }

    [Fact]
    public void Ja3AndJa4_BrowserleaksChromeReport_Match()
    {
        // ja4_ro: t13d1516h2_<ciphers>_002d,0033,0010,fe0d,0017,44cd,0000,000b,000a,002b,ff01,0023,0012,0005,000d,001b_<sigalgs>
        (ushort, byte[])[] extensions =
        [
            Empty(0xdada), // GREASE
            (0x002d, [1, 1]),
            (0x0033, [0, 0]),
            Alpn("h2", "http/1.1"),
            (0xfe0d, [0]),
            Empty(0x0017),
            (0x44cd, [0, 3, 2, 0x68, 0x32]),
            Sni("tls.browserleaks.com"),
            PointFormats(0),
            Groups(0x8a8a, 4588, 29, 23, 24),
            SupportedVersions(0x0a0a, 0x0304, 0x0303),
            (0xff01, [0]),
            Empty(0x0023),
            Empty(0x0012),
            (0x0005, [1, 0, 0, 0, 0]),
            SignatureAlgorithms(s_chromeSignatureAlgorithms),
            (0x001b, [2, 0, 2]),
            (0x5a5a, [0]), // GREASE
        ];
        var hello = Dissect(Record(0x0303, [0xbaba, .. s_chromeCiphers], extensions));

        Assert.Equal(
            "771,4865-4866-4867-49195-49199-49196-49200-52393-52392-49171-49172-156-157-47-53," +
            "45-51-16-65037-23-17613-0-11-10-43-65281-35-18-5-13-27,4588-29-23-24,0",
            hello.Ja3Text);
        Assert.Equal("98487aa16281980e7d1120d399efb6a4", hello.Ja3);
        Assert.Equal("t13d1516h2_8daaf6152771_d8a2da3f94cd", hello.Ja4);
        Assert.Equal(18, hello.Extensions.Count); // GREASE kept in the wire-order list
        Assert.Equal(16, hello.CipherSuites.Count);
    }

    [Fact]
    public void Ja4_FoxIoSpecExample_Matches()
    {
        // FoxIO rust/ja4/src/tls.rs test_client_stats_into_out: t13d1516h2_8daaf6152771_e5627efa2ab1.
        (ushort, byte[])[] extensions =
        [
            (0x001b, [2, 0, 2]), Sni("example.com"), (0x0033, [0, 0]), Alpn("h2"), (0x4469, [0, 3, 2, 0x68, 0x32]),
            Empty(0x0017), (0x002d, [1, 1]), SignatureAlgorithms(s_chromeSignatureAlgorithms), (0x0005, [1, 0, 0, 0, 0]),
            Empty(0x0023), Empty(0x0012), SupportedVersions(0x0304, 0x0303), (0xff01, [0]), PointFormats(0),
            Groups(0x001d, 0x0017), (0x0015, [0, 0, 0]),
        ];
        var hello = Dissect(Record(0x0303, s_chromeCiphers, extensions));

        Assert.Equal("t13d1516h2_8daaf6152771_e5627efa2ab1", hello.Ja4);
    }

    [Fact]
    public void Ja4_NoSniNoAlpnNoSupportedVersions_UsesLegacyVersionIpAndZeros()
    {
        var hello = Dissect(Record(0x0301, [0x002f, 0x0035], [Groups(0x0017)]));

        Assert.StartsWith("t10i020100_", hello.Ja4);
        Assert.Null(hello.ServerName);
        Assert.Empty(hello.Alpn);
    }

    [Fact]
    public void Ja4_NoCiphersNoExtensions_ZeroHashes()
    {
        var hello = Dissect(Record(0x0303, [], []));

        Assert.Equal("t12i000000_000000000000_000000000000", hello.Ja4);
        Assert.Equal("771,,,,", hello.Ja3Text);
    }

    [Theory]
    [InlineData(new byte[] { 0xab }, "ab")]
    [InlineData(new byte[] { 0xab, 0xcd }, "ad")]
    [InlineData(new byte[] { 0x30, 0xab }, "3b")]
    [InlineData(new byte[] { 0x68, 0x32 }, "h2")]
    [InlineData(new byte[] { 0x61 }, "aa")]
    public void Ja4_AlpnCharacters_FirstAndLastOrHexPerSpec(byte[] alpn, string expected)
    {
        var hello = Dissect(Record(0x0303, [0x1301], [Alpn(alpn)]));

        Assert.Equal(expected, hello.Ja4[8..10]);
    }

    [Fact]
    public void Ja4_ManyCiphers_CountCappedAt99()
    {
        var ciphers = Enumerable.Range(1, 120).Select(i => (ushort)i).ToArray();
        var hello = Dissect(Record(0x0303, ciphers, []));

        Assert.Equal("t12i990000", hello.Ja4[..10]);
    }
}
