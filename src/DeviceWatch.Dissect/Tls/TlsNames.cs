using System.Globalization;

namespace DeviceWatch.Dissect.Tls;

/// <summary>Display names of TLS protocol versions and cipher suites.</summary>
public static class TlsNames
{
    private static readonly Dictionary<ushort, string> s_cipherNames = new()
    {
        [0x0004] = "TLS_RSA_WITH_RC4_128_MD5",
        [0x0005] = "TLS_RSA_WITH_RC4_128_SHA",
        [0x000a] = "TLS_RSA_WITH_3DES_EDE_CBC_SHA",
        [0x002f] = "TLS_RSA_WITH_AES_128_CBC_SHA",
        [0x0033] = "TLS_DHE_RSA_WITH_AES_128_CBC_SHA",
        [0x0035] = "TLS_RSA_WITH_AES_256_CBC_SHA",
        [0x0039] = "TLS_DHE_RSA_WITH_AES_256_CBC_SHA",
        [0x003c] = "TLS_RSA_WITH_AES_128_CBC_SHA256",
        [0x003d] = "TLS_RSA_WITH_AES_256_CBC_SHA256",
        [0x0067] = "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256",
        [0x006b] = "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256",
        [0x009c] = "TLS_RSA_WITH_AES_128_GCM_SHA256",
        [0x009d] = "TLS_RSA_WITH_AES_256_GCM_SHA384",
        [0x009e] = "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
        [0x009f] = "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",
        [0x00ff] = "TLS_EMPTY_RENEGOTIATION_INFO_SCSV",
        [0x1301] = "TLS_AES_128_GCM_SHA256",
        [0x1302] = "TLS_AES_256_GCM_SHA384",
        [0x1303] = "TLS_CHACHA20_POLY1305_SHA256",
        [0x1304] = "TLS_AES_128_CCM_SHA256",
        [0x1305] = "TLS_AES_128_CCM_8_SHA256",
        [0x5600] = "TLS_FALLBACK_SCSV",
        [0xc009] = "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
        [0xc00a] = "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
        [0xc012] = "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA",
        [0xc013] = "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
        [0xc014] = "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
        [0xc023] = "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
        [0xc024] = "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384",
        [0xc027] = "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
        [0xc028] = "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",
        [0xc02b] = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
        [0xc02c] = "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
        [0xc02f] = "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        [0xc030] = "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        [0xcca8] = "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
        [0xcca9] = "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
        [0xccaa] = "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
    };

    /// <summary>Name of a protocol version: <c>TLSv1.3</c>, <c>TLSv1.2</c>, <c>TLSv1.1</c>, <c>TLSv1</c>, <c>SSLv3</c>, else <c>0x0305</c>-style hex.</summary>
    public static string VersionName(ushort version) => version switch
    {
        0x0304 => "TLSv1.3",
        0x0303 => "TLSv1.2",
        0x0302 => "TLSv1.1",
        0x0301 => "TLSv1",
        0x0300 => "SSLv3",
        _ => Hex(version),
    };

    /// <summary>IANA name of a common cipher suite (e.g. <c>TLS_AES_128_GCM_SHA256</c>), else <c>0x1234</c>-style hex.</summary>
    public static string CipherName(ushort cipherSuite) =>
        s_cipherNames.TryGetValue(cipherSuite, out var name) ? name : Hex(cipherSuite);

    private static string Hex(ushort value) => "0x" + value.ToString("x4", CultureInfo.InvariantCulture);
}
