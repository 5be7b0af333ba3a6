using System.Buffers.Binary;
using System.Net;
using DeviceWatch.Capture.Tests.Writing;
using DeviceWatch.Synth.Frames;
using DeviceWatch.Synth.Payloads;

namespace DeviceWatch.Capture.Tests.Synth;

public sealed class DhcpMessageBuilderTests
{
    private static readonly MacAddress Mac = MacAddress.Parse("02:00:5e:10:00:01");

    private static readonly DhcpMessageSpec Discover = new()
    {
        MessageType = DhcpMessageType.Discover,
        TransactionId = 0xCAFEBABE,
        ClientMac = Mac,
        Broadcast = true,
        HostName = "kidwatch-a1",
        VendorClass = "KidWatch-RTOS 2.3",
        ParameterRequestList = [1, 3, 6],
    };

    [Fact]
    public void Build_Discover_HasBootpLayoutAndOptionsInOrder()
    {
        var bytes = DhcpMessageBuilder.Build(Discover);

        Assert.Equal(300, bytes.Length);
        Assert.Equal([1, 1, 6, 0], bytes[..4]);
        Assert.Equal(0xCAFEBABEu, BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(4)));
        Assert.Equal(0x8000, BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(10)));
        Assert.Equal(Mac.GetBytes(), bytes[28..34]);
        Assert.Equal(DhcpMessageBuilder.MagicCookie, BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(236)));
        byte[] expectedOptions =
        [
            53, 1, 1,
            61, 7, 1, 0x02, 0x00, 0x5e, 0x10, 0x00, 0x01,
            12, 11, .. "kidwatch-a1"u8,
            60, 17, .. "KidWatch-RTOS 2.3"u8,
            55, 3, 1, 3, 6,
            255,
        ];
        Assert.Equal(expectedOptions, bytes[240..(240 + expectedOptions.Length)]);
        Assert.All(bytes[(240 + expectedOptions.Length)..], b => Assert.Equal(0, b));
    }

    [Fact]
    public void Exchange_DiscoverOfferRequestAck_TsharkDecodesOptions()
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.File("dhcp.pcap");
        var leased = IPAddress.Parse("192.168.50.100");
        var router = IPAddress.Parse("192.168.50.1");
        var offer = new DhcpMessageSpec
        {
            MessageType = DhcpMessageType.Offer,
            TransactionId = Discover.TransactionId,
            ClientMac = Mac,
            YourAddress = leased,
            ServerIdentifier = router,
            LeaseSeconds = 3600,
            SubnetMask = IPAddress.Parse("255.255.255.0"),
            Router = router,
            DnsServers = [router],
            IncludeClientIdentifier = false,
        };
        var request = Discover with { MessageType = DhcpMessageType.Request, RequestedAddress = leased, ServerIdentifier = router };
        var client = new NetworkEndpoint(Mac, IPAddress.Any, 68);
        var broadcast = new NetworkEndpoint(MacAddress.Broadcast, IPAddress.Broadcast, 67);
        var server = new NetworkEndpoint(MacAddress.Parse("02:00:5e:00:00:01"), router, 67);
        TestCaptures.WriteFrames(path,
        [
            FrameBuilder.Udp(client, broadcast, DhcpMessageBuilder.Build(Discover)),
            FrameBuilder.Udp(server, broadcast with { Port = 68 }, DhcpMessageBuilder.Build(offer)),
            FrameBuilder.Udp(client, broadcast, DhcpMessageBuilder.Build(request)),
            FrameBuilder.Udp(server, broadcast with { Port = 68 }, DhcpMessageBuilder.Build(offer with { MessageType = DhcpMessageType.Ack })),
        ]);

        Assert.Empty(TestCaptures.Problems(path));
        var rows = Tshark.Fields(path, ["dhcp.option.dhcp", "dhcp.option.hostname", "dhcp.option.vendor_class_id", "dhcp.option.requested_ip_address",
            "dhcp.option.dhcp_server_id", "dhcp.ip.your", "dhcp.hw.mac_addr"]);
        // chaddr, plus the hardware address inside option 61 on client messages
        Assert.Equal(["1", "kidwatch-a1", "KidWatch-RTOS 2.3", "", "", "0.0.0.0", "02:00:5e:10:00:01|02:00:5e:10:00:01"], rows[0]);
        Assert.Equal(["2", "", "", "", "192.168.50.1", "192.168.50.100", "02:00:5e:10:00:01"], rows[1]);
        Assert.Equal(["3", "kidwatch-a1", "KidWatch-RTOS 2.3", "192.168.50.100", "192.168.50.1", "0.0.0.0", "02:00:5e:10:00:01|02:00:5e:10:00:01"], rows[2]);
        Assert.Equal("5", rows[3][0]);
    }
}
