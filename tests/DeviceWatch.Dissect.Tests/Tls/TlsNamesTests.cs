using DeviceWatch.Dissect.Tls;

namespace DeviceWatch.Dissect.Tests.Tls;

public sealed class TlsNamesTests
{
    [Theory]
    [InlineData(0x0304, "TLSv1.3")]
    [InlineData(0x0303, "TLSv1.2")]
    [InlineData(0x0302, "TLSv1.1")]
    [InlineData(0x0301, "TLSv1")]
    [InlineData(0x0300, "SSLv3")]
    [InlineData(0x7f1c, "0x7f1c")]
    [InlineData(0xfefd, "0xfefd")]
    public void VersionName_KnownAndUnknown_NameOrHex(int version, string expected) =>
        Assert.Equal(expected, TlsNames.VersionName((ushort)version));

    [Theory]
    [InlineData(0x1301, "TLS_AES_128_GCM_SHA256")]
    [InlineData(0x1302, "TLS_AES_256_GCM_SHA384")]
    [InlineData(0x1303, "TLS_CHACHA20_POLY1305_SHA256")]
    [InlineData(0xc02f, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")]
    [InlineData(0xc02c, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384")]
    [InlineData(0xcca8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256")]
    [InlineData(0x002f, "TLS_RSA_WITH_AES_128_CBC_SHA")]
    [InlineData(0x0a0a, "0x0a0a")]
    [InlineData(0x00ab, "0x00ab")]
    public void CipherName_KnownAndUnknown_NameOrHex(int cipher, string expected) =>
        Assert.Equal(expected, TlsNames.CipherName((ushort)cipher));
}
