using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DeviceWatch.Dissect.Tls;

/// <summary>
/// JA3 (Salesforce) and JA4 (FoxIO, TCP variant) fingerprints of a ClientHello.
/// JA3: https://github.com/salesforce/ja3 ; JA4: https://github.com/FoxIO-LLC/ja4/blob/main/technical_details/JA4.md
/// </summary>
internal static class TlsFingerprint
{
    private const string EmptyHash = "000000000000";

    /// <summary>GREASE values (RFC 8701): 0x0a0a, 0x1a1a, … 0xfafa.</summary>
    public static bool IsGrease(ushort value) => (value & 0x0f0f) == 0x0a0a && (value >> 8) == (value & 0xff);

    /// <summary>The JA3 text: version,ciphers,extensions,groups,point formats with GREASE removed, decimal, '-' joined.</summary>
    public static string Ja3Text(
        ushort legacyVersion,
        IReadOnlyList<ushort> ciphers,
        IReadOnlyList<ushort> extensions,
        IReadOnlyList<ushort> groups,
        IReadOnlyList<byte> pointFormats)
    {
        var text = new StringBuilder();
        text.Append(legacyVersion.ToString(CultureInfo.InvariantCulture)).Append(',');
        AppendDecimal(text, ciphers);
        text.Append(',');
        AppendDecimal(text, extensions);
        text.Append(',');
        AppendDecimal(text, groups);
        text.Append(',');
        for (var i = 0; i < pointFormats.Count; i++)
        {
            if (i > 0)
            {
                text.Append('-');
            }
            text.Append(pointFormats[i].ToString(CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }

    /// <summary>Lower-case MD5 hex of the JA3 text.</summary>
    public static string Ja3Hash(string ja3Text) =>
        Convert.ToHexStringLower(MD5.HashData(Encoding.ASCII.GetBytes(ja3Text)));

    /// <summary>The JA4 fingerprint (<c>t13d1516h2_8daaf6152771_e5627efa2ab1</c> form).</summary>
    public static string Ja4(
        ushort legacyVersion,
        IReadOnlyList<ushort> supportedVersions,
        IReadOnlyList<ushort> ciphers,
        IReadOnlyList<ushort> extensions,
        ReadOnlySpan<byte> firstAlpn,
        IReadOnlyList<ushort> signatureAlgorithms)
    {
        // 1. JA4_a: transport, version, SNI marker, counts, ALPN first/last character.
        var version = legacyVersion;
        var highest = -1;
        foreach (var v in supportedVersions)
        {
            if (!IsGrease(v) && v > highest)
            {
                highest = v;
            }
        }
        if (highest >= 0)
        {
            version = (ushort)highest;
        }

        var cipherList = ciphers.Where(c => !IsGrease(c)).ToList();
        var extensionList = extensions.Where(e => !IsGrease(e)).ToList();
        var hasSni = extensionList.Contains(0x0000);

        var a = new StringBuilder("t");
        a.Append(VersionCode(version));
        a.Append(hasSni ? 'd' : 'i');
        a.Append(Math.Min(99, cipherList.Count).ToString("00", CultureInfo.InvariantCulture));
        a.Append(Math.Min(99, extensionList.Count).ToString("00", CultureInfo.InvariantCulture));
        a.Append(AlpnCode(firstAlpn));

        // 2. JA4_b: sorted cipher hex list, truncated SHA-256.
        cipherList.Sort();
        var b = string.Join(',', cipherList.Select(Hex4));

        // 3. JA4_c: sorted extensions without SNI and ALPN, then signature algorithms in wire order.
        var sortedExtensions = extensionList.Where(e => e != 0x0000 && e != 0x0010).ToList();
        sortedExtensions.Sort();
        var c = string.Join(',', sortedExtensions.Select(Hex4));
        if (signatureAlgorithms.Count > 0)
        {
            c += "_" + string.Join(',', signatureAlgorithms.Select(Hex4));
        }

        var cHash = sortedExtensions.Count == 0 ? EmptyHash : Hash12(c);
        return $"{a}_{(cipherList.Count == 0 ? EmptyHash : Hash12(b))}_{cHash}";
    }

    private static string VersionCode(ushort version) => version switch
    {
        0x0304 => "13",
        0x0303 => "12",
        0x0302 => "11",
        0x0301 => "10",
        0x0300 => "s3",
        0x0200 or 0x0002 => "s2",
        0x0100 => "s1",
        0xfeff => "d1",
        0xfefd => "d2",
        0xfefc => "d3",
        _ => "00",
    };

    /// <summary>First and last character of the first ALPN value; their hex form when either is not alphanumeric.</summary>
    private static string AlpnCode(ReadOnlySpan<byte> alpn)
    {
        if (alpn.IsEmpty)
        {
            return "00";
        }
        var first = alpn[0];
        var last = alpn[^1];
        if (IsAlphanumeric(first) && IsAlphanumeric(last))
        {
            return new string([(char)first, (char)last]);
        }
        var hex = Convert.ToHexStringLower(alpn);
        return new string([hex[0], hex[^1]]);
    }

    private static bool IsAlphanumeric(byte b) => b is >= 0x30 and <= 0x39 or >= 0x41 and <= 0x5a or >= 0x61 and <= 0x7a;

    private static string Hex4(ushort value) => value.ToString("x4", CultureInfo.InvariantCulture);

    private static string Hash12(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(text)))[..12];

    private static void AppendDecimal(StringBuilder text, IReadOnlyList<ushort> values)
    {
        var first = true;
        foreach (var v in values)
        {
            if (IsGrease(v))
            {
                continue;
            }
            if (!first)
            {
                text.Append('-');
            }
            text.Append(v.ToString(CultureInfo.InvariantCulture));
            first = false;
        }
    }
}
