using System.Globalization;
using System.IO.Compression;
using DeviceWatch.Analysis.Detection;

namespace DeviceWatch.Analysis.Tests.Corpus;

/// <summary>Generators of valid and almost-valid personal values, from a seeded random source.</summary>
public static class TestValues
{
    private static readonly string[] MobilePrefixes = ["130", "131", "135", "138", "139", "150", "152", "158", "166", "177", "180", "186", "189", "199"];

    public static string Digits(Random r, int n)
    {
        var c = new char[n];
        for (var i = 0; i < n; i++)
        {
            c[i] = (char)('0' + r.Next(10));
        }

        return new string(c);
    }

    public static string Imei(Random r)
    {
        var body = (r.Next(2) == 0 ? "35" : "86") + Digits(r, 12);
        return body + Luhn.CheckDigit(body);
    }

    public static string ImeiBadLuhn(Random r)
    {
        var good = Imei(r);
        var last = (char)('0' + ((good[14] - '0' + 1 + r.Next(8)) % 10));
        return good[..14] + last;
    }

    public static string Imsi(Random r) => "460" + (r.Next(2) == 0 ? "00" : "11") + Digits(r, 10);

    public static string Iccid(Random r)
    {
        var body = "8986" + Digits(r, 14);
        return body + Luhn.CheckDigit(body);
    }

    public static string IccidBadLuhn(Random r)
    {
        var good = Iccid(r);
        return good[..18] + (char)('0' + ((good[18] - '0' + 3) % 10));
    }

    public static string Mac(Random r, bool upper = false, char sep = ':')
    {
        var b = new byte[6];
        r.NextBytes(b);
        b[0] = (byte)(b[0] & 0xFC | 0x00);
        if (b[0] == 0)
        {
            b[0] = 0x3c;
        }

        var s = string.Join(sep, b.Select(x => x.ToString(upper ? "X2" : "x2", CultureInfo.InvariantCulture)));
        return s;
    }

    public static string Phone(Random r) => MobilePrefixes[r.Next(MobilePrefixes.Length)] + Digits(r, 8);

    public static string Email(Random r)
    {
        string[] names = ["zhang.wei", "li_na", "wang123", "alice", "bob.smith", "chen+iot"];
        string[] domains = ["example.com", "qq.com", "163.com", "mail.example.cn", "corp.example.net"];
        return names[r.Next(names.Length)] + r.Next(100) + "@" + domains[r.Next(domains.Length)];
    }

    public static string NationalId(Random r)
    {
        string[] regions = ["110105", "310104", "440305", "510107", "330106", "320102"];
        var birth = new DateTime(1950, 1, 1).AddDays(r.Next(0, 365 * 60));
        var first17 = regions[r.Next(regions.Length)] + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + Digits(r, 3);
        return first17 + NationalIdNumber.CheckCharacter(first17);
    }

    public static string NationalIdBadCheck(Random r)
    {
        var good = NationalId(r);
        var bad = "0123456789X".Replace(good[17].ToString(), "", StringComparison.Ordinal);
        return good[..17] + bad[r.Next(bad.Length)];
    }

    public static string NationalIdBadDate(Random r)
    {
        var first17 = "110105" + "1990" + "13" + "32" + Digits(r, 3);
        return first17 + NationalIdNumber.CheckCharacter(first17);
    }

    public static string Uuid(Random r)
    {
        var b = new byte[16];
        r.NextBytes(b);
        return new Guid(b).ToString();
    }

    public static string Hex(Random r, int chars)
    {
        var b = new byte[(chars + 1) / 2];
        r.NextBytes(b);
        return Convert.ToHexStringLower(b)[..chars];
    }

    public static string Coord(Random r, double min, double max, int decimals) =>
        Math.Round(min + r.NextDouble() * (max - min), decimals).ToString("F" + decimals, CultureInfo.InvariantCulture);

    public static string Serial(Random r)
    {
        const string chars = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
        var c = new char[12];
        for (var i = 0; i < c.Length; i++)
        {
            c[i] = chars[r.Next(chars.Length)];
        }

        c[3] = (char)('0' + r.Next(10));
        return new string(c);
    }

    public static string Package(Random r)
    {
        string[] p = ["com.tencent.mm", "com.eg.android.AlipayGphone", "com.ss.android.ugc.aweme", "com.sina.weibo", "com.taobao.taobao", "com.jingdong.app.mall", "tv.danmaku.bili", "com.netease.cloudmusic", "com.xingin.xhs", "com.autonavi.minimap", "cn.wps.moffice_eng", "com.baidu.BaiduMap", "org.mozilla.firefox"];
        return p[r.Next(p.Length)];
    }

    public static byte[] Gzip(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest))
        {
            gz.Write(data);
        }

        return ms.ToArray();
    }

    public static byte[] Jpeg(Random r, int size)
    {
        var b = new byte[size];
        r.NextBytes(b);
        b[0] = 0xFF;
        b[1] = 0xD8;
        b[2] = 0xFF;
        b[3] = 0xE0;
        return b;
    }

    public static double Round(double v, int d) => Math.Round(v, d);
}
