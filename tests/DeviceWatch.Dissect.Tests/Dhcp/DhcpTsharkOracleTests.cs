using System.Globalization;
using System.Net;
using DeviceWatch.Dissect.Dhcp;
using DeviceWatch.Dissect.Tests.Dns;

namespace DeviceWatch.Dissect.Tests.Dhcp;

/// <summary>Compares the parser with tshark's DHCP dissector on every DHCP packet of public captures.</summary>
public sealed class DhcpTsharkOracleTests
{
    private static readonly string[] Fields =
    [
        "udp.payload", "dhcp.type", "dhcp.id", "dhcp.hw.mac_addr", "dhcp.option.dhcp", "dhcp.option.hostname",
        "dhcp.option.vendor_class_id", "dhcp.option.requested_ip_address", "dhcp.option.dhcp_server_id",
        "dhcp.ip.your", "dhcp.ip.client", "dhcp.option.request_list_item", "dhcp.option.type",
    ];

    [Theory]
    [InlineData("zeek/dhcp_dhcp.pcap", 9)]
    [InlineData("ndpi/iphone.pcap", 9)]
    [InlineData("ndpi/android.pcap", 14)]
    [InlineData("iot-sentinel/Lightify_Setup-C-1-STA.pcap", 4)]
    [InlineData("iot-oconnor/schlage-lock-01.pcap", 398)]
    public void TryParse_EveryDhcpPacketInCapture_MatchesTshark(string capture, int expectedPackets)
    {
        var rows = Tshark.Fields(capture, "dhcp and not icmp", Fields);
        Assert.Equal(expectedPackets, rows.Count);
        foreach (var row in rows)
        {
            var where = $"{capture} xid {row[2]}";
            var ok = DhcpMessageParser.TryParse(Convert.FromHexString(row[0]), DateTime.UnixEpoch, out var message, out var anomaly);
            Assert.True(ok, where + ": " + anomaly);
            Assert.True(anomaly is null, where + ": " + anomaly);

            Assert.Equal(byte.Parse(row[1], CultureInfo.InvariantCulture), message!.Op);
            Assert.Equal(Convert.ToUInt32(row[2], 16), message.TransactionId);
            var macs = row[3].Split('|');
            Assert.Equal(macs[0], message.ClientHardwareAddress);
            Assert.Equal(Optional(row[4]), message.MessageType?.ToString(CultureInfo.InvariantCulture));
            Assert.Equal(Optional(row[5]), message.Hostname);
            Assert.Equal(Optional(row[6]), message.VendorClass);
            Assert.Equal(Optional(row[7]), message.RequestedAddress?.ToString());
            Assert.Equal(Optional(row[8]), message.ServerIdentifier?.ToString());
            Assert.Equal(row[9] == "0.0.0.0" ? null : IPAddress.Parse(row[9]), message.YourAddress);
            Assert.Equal(row[10] == "0.0.0.0" ? null : IPAddress.Parse(row[10]), message.ClientAddress);
            Assert.Equal(Numbers(row[11]), message.ParameterRequestList);

            // tshark lists pad and end as option type 0/255 ("0" for end in 4.0); the parser leaves both out.
            Assert.Equal(Numbers(row[12]).Where(code => code is not (0 or 255)), message.OptionCodes);

            // Option 61 of hardware type 1 is shown by tshark as a second MAC address.
            if (message.ClientIdentifier is { Length: 14 } id && id.StartsWith("01", StringComparison.Ordinal) && macs.Length > 1)
            {
                Assert.Equal("01" + macs[1].Replace(":", string.Empty, StringComparison.Ordinal), id);
            }
        }
    }

    private static string? Optional(string value) => value.Length == 0 ? null : value;

    private static byte[] Numbers(string value) =>
        value.Length == 0 ? [] : value.Split('|').Select(v => byte.Parse(v, CultureInfo.InvariantCulture)).ToArray();
}
