using DeviceWatch.Capture.Decoding;
using CsCheck;
using PacketDotNet;

namespace DeviceWatch.Capture.Tests.Decoding;

public sealed class PacketDecoderTests
{
    private static readonly byte[] Hello = "hello"u8.ToArray();

    [Fact]
    public void Decode_EthernetIpv4Tcp_FindsEndpointsAndPayload()
    {
        var frame = FrameBuilder.Ethernet(FrameBuilder.Ipv4(6, FrameBuilder.Tcp(40000, 80, 1000, 0x18, Hello)));
        var packet = default(DecodedPacket);

        var status = PacketDecoder.Decode(LinkLayers.Ethernet, frame, ref packet);

        Assert.Equal(DecodeStatus.Ok, status);
        Assert.Equal("192.168.50.10", packet.Source.ToString());
        Assert.Equal("93.184.216.34", packet.Destination.ToString());
        Assert.Equal(40000, packet.SourcePort);
        Assert.Equal(80, packet.DestinationPort);
        Assert.Equal(1000u, packet.Sequence);
        Assert.Equal("02:00:5e:10:00:01", packet.SourceMac.ToString());
        Assert.Equal("hello", System.Text.Encoding.ASCII.GetString(frame, packet.PayloadOffset, packet.PayloadLength));
    }

    [Fact]
    public void Decode_VlanTaggedFrame_ReadsVlanAndIp()
    {
        var frame = FrameBuilder.Ethernet(FrameBuilder.Ipv4(17, FrameBuilder.Udp(5000, 53, Hello)), vlan: 42);
        var packet = default(DecodedPacket);

        Assert.Equal(DecodeStatus.Ok, PacketDecoder.Decode(LinkLayers.Ethernet, frame, ref packet));
        Assert.Equal(42, packet.VlanId);
        Assert.Equal(53, packet.DestinationPort);
        Assert.Equal(5, packet.PayloadLength);
    }

    [Fact]
    public void Decode_Ipv6WithDestinationOptions_SkipsExtensionHeader()
    {
        var extension = new byte[8];
        var ip = FrameBuilder.Ipv6(60, FrameBuilder.Tcp(1234, 443, 7, 0x02, []), extension, extensionNext: 6);
        var packet = default(DecodedPacket);

        Assert.Equal(DecodeStatus.Ok, PacketDecoder.Decode(LinkLayers.Raw, ip, ref packet));
        Assert.Equal(6, packet.Protocol);
        Assert.Equal(443, packet.DestinationPort);
        Assert.Equal("fd00::1", packet.Source.ToString());
        Assert.True(packet.Source.IsLocal);
        Assert.False(packet.Destination.IsLocal);
    }

    [Fact]
    public void Decode_LinuxCookedV1_ReadsSenderMac()
    {
        var ip = FrameBuilder.Ipv4(17, FrameBuilder.Udp(68, 67, Hello));
        byte[] sll = [0, 0, 0, 1, 0, 6, 0x02, 0, 0x5e, 0x10, 0, 0x07, 0, 0, 0x08, 0x00];
        var packet = default(DecodedPacket);

        Assert.Equal(DecodeStatus.Ok, PacketDecoder.Decode(LinkLayers.LinuxSll, [.. sll, .. ip], ref packet));
        Assert.Equal("02:00:5e:10:00:07", packet.SourceMac.ToString());
        Assert.Equal(67, packet.DestinationPort);
    }

    [Fact]
    public void Decode_LinuxCookedV2_ReadsProtocolAndMac()
    {
        var ip = FrameBuilder.Ipv4(6, FrameBuilder.Tcp(1, 2, 3, 0x10, []));
        byte[] sll2 = [0x08, 0x00, 0, 0, 0, 0, 0, 2, 0, 1, 0, 6, 0x02, 0, 0x5e, 0x10, 0, 0x08, 0, 0];
        var packet = default(DecodedPacket);

        Assert.Equal(DecodeStatus.Ok, PacketDecoder.Decode(LinkLayers.LinuxSll2, [.. sll2, .. ip], ref packet));
        Assert.Equal("02:00:5e:10:00:08", packet.SourceMac.ToString());
        Assert.Equal(2, packet.DestinationPort);
    }

    [Fact]
    public void Decode_Ipv4Fragment_ReportsFragment()
    {
        var frame = FrameBuilder.Ethernet(FrameBuilder.Ipv4(17, FrameBuilder.Udp(1, 2, Hello), flagsAndOffset: 0x2000));
        var packet = default(DecodedPacket);

        Assert.Equal(DecodeStatus.Fragment, PacketDecoder.Decode(LinkLayers.Ethernet, frame, ref packet));
    }

    [Fact]
    public void Decode_Arp_IsNotIp()
    {
        var frame = FrameBuilder.Ethernet(new byte[28], etherType: 0x0806);
        var packet = default(DecodedPacket);

        Assert.Equal(DecodeStatus.NotIp, PacketDecoder.Decode(LinkLayers.Ethernet, frame, ref packet));
    }

    [Fact]
    public void Decode_EveryTruncation_NeverThrowsAndNeverOverruns()
    {
        var frames = new[]
        {
            FrameBuilder.Ethernet(FrameBuilder.Ipv4(6, FrameBuilder.Tcp(40000, 80, 1000, 0x18, Hello)), vlan: 7),
            FrameBuilder.Ethernet(FrameBuilder.Ipv6(60, FrameBuilder.Tcp(1, 443, 7, 0x02, Hello), new byte[8]), etherType: 0x86DD),
            FrameBuilder.Ethernet(FrameBuilder.Ipv4(17, FrameBuilder.Udp(5353, 5353, Hello))),
        };
        foreach (var frame in frames)
        {
            for (var length = 0; length <= frame.Length; length++)
            {
                var packet = default(DecodedPacket);
                var status = PacketDecoder.Decode(LinkLayers.Ethernet, frame.AsSpan(0, length), ref packet);
                if (status == DecodeStatus.Ok)
                {
                    Assert.InRange(packet.PayloadOffset + packet.PayloadLength, 0, length);
                }
            }
        }
    }

    [Fact]
    public void Decode_RandomBytes_NeverThrows()
    {
        Gen.Byte.Array[0, 200].Sample(bytes =>
        {
            foreach (var link in new[] { LinkLayers.Ethernet, LinkLayers.Raw, LinkLayers.LinuxSll, LinkLayers.LinuxSll2, LinkLayers.Null, LinkLayers.Ppp })
            {
                var packet = default(DecodedPacket);
                var status = PacketDecoder.Decode(link, bytes, ref packet);
                if (status == DecodeStatus.Ok && packet.PayloadLength > 0)
                {
                    Assert.InRange(packet.PayloadOffset + packet.PayloadLength, 0, bytes.Length);
                }
            }
        }, iter: 5000);
    }
}
