using System.Buffers.Binary;
using System.Security.Cryptography;
using DeviceWatch.Capture.Reassembly;

namespace DeviceWatch.Capture.Tests.Reassembly;

/// <summary>
/// Cross-checks the defragmenters against public captures; the expected lengths and SHA-256 digests of the
/// reassembled payloads were taken from tshark's own reassembly (<c>ip.reassembled.data</c>, <c>ipv6.reassembled.data</c>).
/// </summary>
public sealed class PublicCaptureDefragmentationTests
{
    private const ushort EtherTypeIpv4 = 0x0800;
    private const ushort EtherTypeIpv6 = 0x86DD;

    [Fact]
    public void Ipv6Defragmenter_ZeekFragmentedDns_ReassemblesResponseLikeTshark()
    {
        var packets = ClassicPcapFile.ReadNetworkPackets(SharedCaptures.Public("zeek/ipv6-fragmented-dns.pcap"));
        Assert.Equal(8, packets.Count);
        var defragmenter = new Ipv6Defragmenter();
        var reassembled = new List<byte[]>();

        foreach ((DateTime timestamp, ushort etherType, byte[] packet) in packets)
        {
            if (etherType == EtherTypeIpv6 && packet[6] == 44 && defragmenter.Add(packet, timestamp) is { } whole)
            {
                reassembled.Add(whole);
            }
        }

        // Frames 6-8 form one DNS response; frame 4 is the last fragment of a response whose other fragments were not captured.
        byte[] response = Assert.Single(reassembled);
        Assert.Equal(40 + 3_238, response.Length);
        Assert.Equal(3_238, BinaryPrimitives.ReadUInt16BigEndian(response.AsSpan(4)));
        Assert.Equal(17, response[6]);
        Assert.Equal(3_238, BinaryPrimitives.ReadUInt16BigEndian(response.AsSpan(44)));
        Assert.Equal("2e3959c05cf8712019a6a78e03020f89dc5c47b092420309107a0aa962bebe23", Sha256(response.AsSpan(40)));
        Assert.True(UdpChecksumValid(response), "UDP checksum over the reassembled datagram");
        Assert.Equal(1, defragmenter.PendingDatagrams);
        Assert.Equal(0, defragmenter.Dropped);

        Assert.Equal(1, defragmenter.Expire(packets[^1].Timestamp.AddSeconds(31)));
        Assert.Equal(1, defragmenter.TimedOut);
    }

    [Fact]
    public void Ipv4Defragmenter_NdpiFragmentedGarbage_ReassemblesFourDatagramsLikeTshark()
    {
        var packets = ClassicPcapFile.ReadNetworkPackets(SharedCaptures.Public("ndpi/ip_fragmented_garbage.pcap"));
        Assert.Equal(1_252, packets.Count);
        var defragmenter = new Ipv4Defragmenter();
        var reassembled = new List<byte[]>();

        foreach ((DateTime timestamp, ushort etherType, byte[] packet) in packets)
        {
            Assert.Equal(EtherTypeIpv4, etherType);
            if (defragmenter.Add(packet, timestamp) is { } whole)
            {
                reassembled.Add(whole);
            }
        }

        // Four datagrams of 313 fragments each, all with IP ID 0x00a0; the frames carry Ethernet padding.
        Assert.Equal(4, reassembled.Count);
        string[] expected =
        [
            "76decb339a8780d537553c38f41f90512cbe043aa5f55c68d2920e98ea2eff49",
            "aa032d7175656e604b2a474cf1c08226a6d4833f298719d8e9408e6a956e949c",
            "57f8e50f114580b3210dd68064ce34ec923737b26c5778efe7ff55f19810b1ad",
            "b43445f8851dcbb70c6935b61403aefd697e468fb77ee8bf6d15df3ce0179cff",
        ];
        for (int i = 0; i < reassembled.Count; i++)
        {
            byte[] datagram = reassembled[i];
            Assert.Equal(20 + 5_000, datagram.Length);
            Assert.Equal(20 + 5_000, BinaryPrimitives.ReadUInt16BigEndian(datagram.AsSpan(2)));
            Assert.Equal(0, BinaryPrimitives.ReadUInt16BigEndian(datagram.AsSpan(6)) & 0x3FFF);
            Assert.True(Ipv4Packets.HeaderChecksumValid(datagram));
            Assert.Equal(expected[i], Sha256(datagram.AsSpan(20)));
        }

        Assert.Equal(4, defragmenter.Completed);
        Assert.Equal(0, defragmenter.Dropped);
        Assert.Equal(0, defragmenter.Malformed);
        Assert.Equal(0, defragmenter.PendingDatagrams);
    }

    private static string Sha256(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    private static bool UdpChecksumValid(byte[] ipv6Packet)
    {
        // Pseudo-header (RFC 8200 section 8.1): source, destination, upper-layer length, next header.
        byte[] udp = ipv6Packet[40..];
        uint sum = 0;
        foreach (byte[] part in new[] { ipv6Packet[8..40], udp })
        {
            for (int i = 0; i < part.Length; i += 2)
            {
                sum += (uint)(part[i] << 8 | (i + 1 < part.Length ? part[i + 1] : 0));
            }
        }

        sum += (uint)udp.Length + 17;
        while (sum > 0xFFFF)
        {
            sum = (sum >> 16) + (sum & 0xFFFF);
        }

        return sum == 0xFFFF;
    }
}
