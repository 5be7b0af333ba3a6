using System.Globalization;

namespace DeviceWatch.Dissect.Tests.Dhcp;

/// <summary>DHCP messages written by hand from RFC 2131 §2 (figure 1) and RFC 2132, and real payloads from the public captures.</summary>
internal static class DhcpTestVectors
{
    /// <summary>
    /// The 236-byte fixed header: BOOTREQUEST, Ethernet, xid 0x3903f326, broadcast flag, ciaddr 0, yiaddr
    /// <paramref name="yiaddr"/>, chaddr 02:00:5e:10:00:01, then <paramref name="sname"/> (64) and <paramref name="file"/> (128) zero-padded.
    /// </summary>
    public static string Header(string op = "01", string htype = "01", string hlen = "06", string ciaddr = "00000000", string yiaddr = "00000000", string sname = "", string file = "") =>
        op + htype + hlen + "00" + "3903f326" + "0000" + "8000" + ciaddr + yiaddr + "00000000" + "00000000"
        + "02005e100001".PadRight(32, '0') + sname.PadRight(128, '0') + file.PadRight(256, '0');

    public const string Cookie = "63825363";

    /// <summary>DHCPDISCOVER with client id, requested address, host name (with a trailing NUL), vendor class and parameter request list.</summary>
    public static readonly byte[] Discover = Convert.FromHexString(string.Concat(
        Header(),
        Cookie,
        "350101",                                   // 53 message type: DISCOVER
        "3d070102005e100001",                       // 61 client identifier: htype 1 + MAC
        "3204c0a80064",                             // 50 requested address 192.168.0.100
        "0c0b6b6964732d776174636800",               // 12 host name "kids-watch\0"
        "3c084d53465420352e30",                     // 60 vendor class "MSFT 5.0"
        "3704" + "01030f06",                        // 55 parameter request list 1 3 15 6
        "ff",                                       // end
        "0000"));                                   // pad after end

    /// <summary>zeek/dhcp_dhcp.pcap frame 1: DISCOVER from 90:b1:1c:99:49:29, host name btest.is.cool, requested 192.168.211.194.</summary>
    public static readonly byte[] ZeekDiscover = Convert.FromHexString(
        "01010600000007c0000000000000000000000000000000000000000090b11c99492900000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000638253633501013204c0a8d3c20c0d62746573742e69732e636f6f6cff");

    /// <summary>ndpi/dhcp-fuzz.pcapng: message type 0x6a and a vendor class whose length (49) runs past the datagram.</summary>
    public static readonly byte[] Fuzzed = Convert.FromHexString(
        "01010600c979b96000000000c0a80168000000000000000000000000001f29da2d790000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000d7000000000000530000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000065000000000000000000006382536335016a3d0701001f29da2d790c074d4b30333836323c314d53465420352e30370c010f03062c2e2f1f21f92bfc2b03dc0100ff000000002500000000");

    public static byte[] Message(string header, string options) => Convert.FromHexString(header + Cookie + options);

    public static string Ascii(string text) => Convert.ToHexStringLower(System.Text.Encoding.ASCII.GetBytes(text));

    public static string Option(int code, string valueHex) =>
        code.ToString("x2", CultureInfo.InvariantCulture) + (valueHex.Length / 2).ToString("x2", CultureInfo.InvariantCulture) + valueHex;
}
