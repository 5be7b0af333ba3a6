using System.Net;
using CsCheck;
using DeviceWatch.Dissect.Dhcp;
using static DeviceWatch.Dissect.Tests.Dhcp.DhcpTestVectors;

namespace DeviceWatch.Dissect.Tests.Dhcp;

public sealed class DhcpMessageParserTests
{
    private static readonly DateTime Timestamp = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    private static DhcpMessage Parse(byte[] datagram, string? expectedAnomaly = null)
    {
        Assert.True(DhcpMessageParser.TryParse(datagram, Timestamp, out var message, out var anomaly), anomaly);
        Assert.Equal(expectedAnomaly, anomaly);
        return message;
    }

    [Fact]
    public void TryParse_HandBuiltDiscover_ReadsHeaderAndEveryInterpretedOption()
    {
        var message = Parse(Discover);

        Assert.Equal(Timestamp, message.Timestamp);
        Assert.Equal(1, message.Op);
        Assert.Equal(0x3903f326u, message.TransactionId);
        Assert.Equal("02:00:5e:10:00:01", message.ClientHardwareAddress);
        Assert.Equal(1, message.MessageType);
        Assert.Equal("DISCOVER", message.MessageTypeName);
        Assert.Equal("kids-watch", message.Hostname);
        Assert.Equal("MSFT 5.0", message.VendorClass);
        Assert.Equal(IPAddress.Parse("192.168.0.100"), message.RequestedAddress);
        Assert.Null(message.ServerIdentifier);
        Assert.Null(message.YourAddress);
        Assert.Null(message.ClientAddress);
        Assert.Equal("0102005e100001", message.ClientIdentifier);
        Assert.Equal(new byte[] { 1, 3, 15, 6 }, message.ParameterRequestList);
        Assert.Equal(new byte[] { 53, 61, 50, 12, 60, 55 }, message.OptionCodes);
    }

    [Fact]
    public void TryParse_RealZeekDiscover_ReadsHostnameAndRequestedAddress()
    {
        var message = Parse(ZeekDiscover);

        Assert.Equal(0x7c0u, message.TransactionId);
        Assert.Equal("90:b1:1c:99:49:29", message.ClientHardwareAddress);
        Assert.Equal("DISCOVER", message.MessageTypeName);
        Assert.Equal("btest.is.cool", message.Hostname);
        Assert.Equal(IPAddress.Parse("192.168.211.194"), message.RequestedAddress);
        Assert.Null(message.VendorClass);
        Assert.Null(message.ClientIdentifier);
        Assert.Empty(message.ParameterRequestList);
    }

    [Fact]
    public void TryParse_RealFuzzedPacket_KeepsOptionsBeforeTheTruncatedOne()
    {
        var message = Parse(Fuzzed, "truncated-option");

        Assert.Equal(106, message.MessageType);
        Assert.Equal("TYPE106", message.MessageTypeName);
        Assert.Equal("00:1f:29:da:2d:79", message.ClientHardwareAddress);
        Assert.Equal(IPAddress.Parse("192.168.1.104"), message.ClientAddress);
        Assert.Equal("MK03862", message.Hostname);
        Assert.Equal("0100" + "1f29da2d79", message.ClientIdentifier);
        Assert.Null(message.VendorClass);
    }

    [Fact]
    public void TryParse_AckWithAddresses_ReadsYourAddressAndServerIdentifier()
    {
        var datagram = Message(
            Header(op: "02", ciaddr: "c0a80005", yiaddr: "c0a80064"),
            Option(53, "05") + Option(54, "c0a80001") + "ff");

        var message = Parse(datagram);

        Assert.Equal(2, message.Op);
        Assert.Equal("ACK", message.MessageTypeName);
        Assert.Equal(IPAddress.Parse("192.168.0.100"), message.YourAddress);
        Assert.Equal(IPAddress.Parse("192.168.0.5"), message.ClientAddress);
        Assert.Equal(IPAddress.Parse("192.168.0.1"), message.ServerIdentifier);
    }

    [Fact]
    public void TryParse_OptionOverload_ReadsOptionsFromFileAndSname()
    {
        // RFC 2131 §4.1: options field first, then file, then sname.
        var datagram = Message(
            Header(sname: Option(60, Ascii("vendor")) + "ff", file: Option(12, Ascii("watch")) + "ff"),
            Option(53, "03") + Option(52, "03") + "ff");

        var message = Parse(datagram);

        Assert.Equal("REQUEST", message.MessageTypeName);
        Assert.Equal("watch", message.Hostname);
        Assert.Equal("vendor", message.VendorClass);
        Assert.Equal(new byte[] { 53, 52, 12, 60 }, message.OptionCodes);
    }

    [Fact]
    public void TryParse_WithoutOverload_IgnoresOptionLikeBytesInFile()
    {
        var datagram = Message(Header(file: Option(12, Ascii("watch")) + "ff"), Option(53, "01") + "ff");

        Assert.Null(Parse(datagram).Hostname);
    }

    [Fact]
    public void TryParse_RepeatedOption_IsConcatenated()
    {
        // RFC 3396: a long option split into several instances of the same code.
        var datagram = Message(Header(), Option(12, Ascii("kids-")) + Option(53, "01") + Option(12, Ascii("watch")) + "ff");

        Assert.Equal("kids-watch", Parse(datagram).Hostname);
    }

    [Fact]
    public void TryParse_InvalidUtf8AndTrailingNuls_AreReplacedAndTrimmed()
    {
        var datagram = Message(Header(), Option(12, "61ff62" + "0000") + "ff");

        Assert.Equal("a\uFFFDb", Parse(datagram).Hostname);
    }

    [Fact]
    public void TryParse_PadOptionsBetweenOptions_AreSkipped()
    {
        var datagram = Message(Header(), "0000" + Option(53, "08") + "00" + Option(12, Ascii("x")) + "ff");

        var message = Parse(datagram);

        Assert.Equal("INFORM", message.MessageTypeName);
        Assert.Equal(new byte[] { 53, 12 }, message.OptionCodes);
    }

    [Fact]
    public void TryParse_OptionLengthPastEnd_KeepsEarlierOptionsWithAnomaly()
    {
        var datagram = Message(Header(), Option(53, "01") + Option(12, Ascii("ok")) + "3c20" + Ascii("cut"));

        var message = Parse(datagram, "truncated-option");

        Assert.Equal(("ok", (string?)null, (int?)1), (message.Hostname, message.VendorClass, message.MessageType));
    }

    [Fact]
    public void TryParse_OptionCodeWithoutLength_IsTruncatedOption()
    {
        Assert.Equal(1, Parse(Message(Header(), Option(53, "01") + "0c"), "truncated-option").MessageType);
    }

    [Fact]
    public void TryParse_NoEndOption_IsMissingEnd()
    {
        Assert.Equal("x", Parse(Message(Header(), Option(12, Ascii("x"))), "missing-end").Hostname);
    }

    [Fact]
    public void TryParse_AddressOptionOfWrongLength_IsIgnoredWithAnomaly()
    {
        var message = Parse(Message(Header(), Option(50, "c0a800") + Option(54, "c0a80001") + "ff"), "bad-option-length");

        Assert.Null(message.RequestedAddress);
        Assert.Equal(IPAddress.Parse("192.168.0.1"), message.ServerIdentifier);
    }

    [Fact]
    public void TryParse_MessageTypeOfWrongLength_IsNullWithAnomaly()
    {
        Assert.Null(Parse(Message(Header(), Option(53, "0101") + "ff"), "bad-option-length").MessageType);
    }

    [Fact]
    public void TryParse_WrongMagicCookie_ReturnsHeaderOnlyWithAnomaly()
    {
        var datagram = Convert.FromHexString(Header() + "63825364" + Option(53, "01") + "ff");

        var message = Parse(datagram, "bad-magic-cookie");

        Assert.Equal("02:00:5e:10:00:01", message.ClientHardwareAddress);
        Assert.Null(message.MessageType);
        Assert.Empty(message.OptionCodes);
    }

    [Fact]
    public void TryParse_PlainBootpHeaderWithoutVendorArea_ReturnsHeaderWithAnomaly()
    {
        Assert.Null(Parse(Convert.FromHexString(Header()), "bad-magic-cookie").MessageType);
    }

    [Fact]
    public void TryParse_ShorterThanFixedHeader_Fails()
    {
        var header = Convert.FromHexString(Header());

        Assert.False(DhcpMessageParser.TryParse(header.AsSpan(0, 235), Timestamp, out var message, out var anomaly));
        Assert.Null(message);
        Assert.Equal("short-header", anomaly);
    }

    [Theory]
    [InlineData("06", "06", "02005e100001")]  // IEEE 802 is not htype 1: hex
    [InlineData("01", "00", "")]                                       // hlen 0
    [InlineData("01", "10", "02005e10000100000000000000000000")]     // hlen 16
    [InlineData("01", "ff", "02005e10000100000000000000000000")]     // hlen > 16 is clamped to chaddr
    public void TryParse_NonEthernetHardwareAddress_IsHexOfHlenBytes(string htype, string hlen, string expected)
    {
        var address = Parse(Message(Header(htype: htype, hlen: hlen), "ff")).ClientHardwareAddress;

        Assert.Equal(expected, address);
    }

    [Fact]
    public void TryParse_EveryTruncationOfValidMessages_NeverThrows()
    {
        foreach (var full in new[] { Discover, ZeekDiscover, Fuzzed })
        {
            for (var length = 0; length < full.Length; length++)
            {
                var ok = DhcpMessageParser.TryParse(full.AsSpan(0, length), Timestamp, out var message, out var anomaly);
                Assert.Equal(length >= 236, ok);
                if (ok)
                {
                    Assert.NotNull(message);
                }

                if (length < 240)
                {
                    Assert.Equal(ok ? "bad-magic-cookie" : "short-header", anomaly);
                }
            }
        }
    }

    [Fact]
    public void TryParse_RandomBytes_NeverThrows()
    {
        Gen.Byte.Array[0, 400].Sample(
            bytes =>
            {
                if (DhcpMessageParser.TryParse(bytes, Timestamp, out var message, out _))
                {
                    Assert.NotNull(message.ClientHardwareAddress);
                }
            },
            iter: 3000,
            threads: 1);
    }

    [Fact]
    public void TryParse_RandomOptionsAfterValidHeader_NeverThrows()
    {
        var header = Convert.FromHexString(Header() + DhcpTestVectors.Cookie);
        var optionBytes = Gen.OneOf(Gen.Byte, Gen.Byte[0, 8], Gen.OneOfConst<byte>(12, 50, 52, 53, 54, 55, 60, 61, 255)).Array[0, 120];
        optionBytes.Sample(
            options =>
            {
                var ok = DhcpMessageParser.TryParse([.. header, .. options], Timestamp, out var message, out _);
                Assert.True(ok);
                Assert.Equal("02:00:5e:10:00:01", message!.ClientHardwareAddress);
            },
            iter: 3000,
            threads: 1);
    }
}
