using System.Buffers.Binary;
using System.Net;
using CsCheck;
using DeviceWatch.Synth.Frames;

namespace DeviceWatch.Capture.Tests.Synth;

public sealed class FrameBuilderTests
{
    private static readonly Gen<IPAddress> Ipv4 = Gen.UInt.Select(v => new IPAddress(BitConverter.GetBytes(v)));
    private static readonly Gen<IPAddress> Ipv6 = Gen.Byte.Array[16].Select(b => new IPAddress(b));

    [Fact]
    public void UdpAndTcp_AnyAddressesPortsAndPayload_ChecksumsVerify()
    {
        var gen = Gen.Select(Gen.Bool, Gen.Bool, Gen.Byte.Array[0, 1500], Gen.UShort, Gen.UShort, Gen.Select(Ipv4, Ipv4, Ipv6, Ipv6), Gen.Bool);
        gen.Sample(sample =>
        {
            var (v6, tcp, payload, sourcePort, destinationPort, addresses, vlan) = sample;
            var source = new NetworkEndpoint(SampleFramesMac(1), v6 ? addresses.Item3 : addresses.Item1, sourcePort);
            var destination = new NetworkEndpoint(SampleFramesMac(2), v6 ? addresses.Item4 : addresses.Item2, destinationPort);
            var options = new FrameOptions { VlanId = vlan ? (ushort)100 : null };
            var frame = tcp
                ? FrameBuilder.Tcp(source, destination, new TcpHeader(1, 2, TcpFlags.Ack, 100, [2, 4, 5, 180]), payload, options)
                : FrameBuilder.Udp(source, destination, payload, options);
            var link = vlan ? 18 : 14;
            Assert.Equal(v6 ? 0x86DD : 0x0800, BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(link - 2)));
            var ipLength = v6 ? 40 : 20;
            if (!v6)
            {
                Assert.Equal(0, Fold(Sum(frame.AsSpan(link, 20))));
            }

            var l4 = frame.AsSpan(link + ipLength);
            var pseudo = Sum(frame.AsSpan(link + (v6 ? 8 : 12), v6 ? 32 : 8)) + (tcp ? 6u : 17u) + (ulong)l4.Length;
            Assert.Equal(0, Fold(pseudo + Sum(l4)));
            Assert.Equal(payload, l4[(tcp ? 24 : 8)..].ToArray());
        }, iter: 300);
    }

    [Fact]
    public void Udp_VlanTag_WritesTpidAndTci()
    {
        var frame = FrameBuilder.Udp(
            new NetworkEndpoint(SampleFramesMac(1), IPAddress.Parse("10.0.0.1"), 1),
            new NetworkEndpoint(SampleFramesMac(2), IPAddress.Parse("10.0.0.2"), 2),
            [],
            new FrameOptions { VlanId = 0x123, VlanPriority = 5 });
        Assert.Equal([0x81, 0x00, 0xA1, 0x23, 0x08, 0x00], frame[12..18]);
        Assert.Equal(18 + 20 + 8, frame.Length);
    }

    [Fact]
    public void FragmentIpv4_ThreeFragments_OffsetsFlagsAndPayloadReassemble()
    {
        var payload = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        var frame = FrameBuilder.Udp(
            new NetworkEndpoint(SampleFramesMac(1), IPAddress.Parse("10.0.0.1"), 1),
            new NetworkEndpoint(SampleFramesMac(2), IPAddress.Parse("10.0.0.2"), 2),
            payload,
            new FrameOptions { DontFragment = false, IpIdentification = 77 });

        var fragments = FrameBuilder.FragmentIpv4(frame, 3);

        Assert.Equal(3, fragments.Count);
        var reassembled = new List<byte>();
        foreach (var (fragment, index) in fragments.Select((f, i) => (f, i)))
        {
            var flags = BinaryPrimitives.ReadUInt16BigEndian(fragment.AsSpan(20));
            Assert.Equal(index < 2, (flags & 0x2000) != 0);
            Assert.Equal(reassembled.Count / 8, flags & 0x1FFF);
            Assert.Equal(77, BinaryPrimitives.ReadUInt16BigEndian(fragment.AsSpan(18)));
            Assert.Equal(0, Fold(Sum(fragment.AsSpan(14, 20))));
            Assert.Equal(fragment.Length - 14, BinaryPrimitives.ReadUInt16BigEndian(fragment.AsSpan(16)));
            reassembled.AddRange(fragment.AsSpan(34).ToArray());
        }

        Assert.Equal(frame[34..], reassembled);
    }

    [Fact]
    public void FragmentIpv4_TooManyFragmentsForPayload_Throws()
    {
        var frame = FrameBuilder.Udp(
            new NetworkEndpoint(SampleFramesMac(1), IPAddress.Parse("10.0.0.1"), 1),
            new NetworkEndpoint(SampleFramesMac(2), IPAddress.Parse("10.0.0.2"), 2),
            new byte[8]);
        Assert.Throws<ArgumentException>(() => FrameBuilder.FragmentIpv4(frame, 3));
    }

    [Fact]
    public void MacAddress_ParseAndFormat_RoundTripLowerCase()
    {
        var mac = MacAddress.Parse("02-00-5E-10-00-0A");
        Assert.Equal("02:00:5e:10:00:0a", mac.ToString());
        Assert.Equal(mac, MacAddress.Parse(mac.ToString()));
        Assert.Throws<FormatException>(() => MacAddress.Parse("02:00:5e:10:00"));
        Assert.Equal("01:00:5e:00:00:fb", MacAddress.ForIpv4Multicast(IPAddress.Parse("224.0.0.251")).ToString());
    }

    private static MacAddress SampleFramesMac(int n) => new(0x020000000000UL + (ulong)n);

    private static ulong Sum(ReadOnlySpan<byte> data)
    {
        ulong sum = 0;
        for (var i = 0; i < data.Length; i += 2)
        {
            sum += (ulong)(data[i] << 8) + (i + 1 < data.Length ? data[i + 1] : 0u);
        }

        return sum;
    }

    private static int Fold(ulong sum)
    {
        while (sum >> 16 != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (int)(~sum & 0xFFFF);
    }
}
