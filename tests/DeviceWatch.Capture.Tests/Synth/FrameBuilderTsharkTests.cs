using System.Net;
using DeviceWatch.Capture.Tests.Writing;
using DeviceWatch.Synth.Frames;

namespace DeviceWatch.Capture.Tests.Synth;

public sealed class FrameBuilderTsharkTests
{
    [Fact]
    public void Frames_Ipv4Ipv6VlanAndFragments_TsharkValidatesEveryChecksum()
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.File("frames.pcap");
        var frames = Writing.SampleFrames.Build(12);
        var big = Enumerable.Range(0, 3000).Select(i => (byte)(i * 7)).ToArray();
        var datagram = FrameBuilder.Udp(
            new NetworkEndpoint(Writing.SampleFrames.ClientMac, IPAddress.Parse("192.168.50.100"), 5000),
            new NetworkEndpoint(Writing.SampleFrames.GatewayMac, IPAddress.Parse("198.51.100.1"), 6000),
            big,
            new FrameOptions { DontFragment = false, IpIdentification = 4242, VlanId = 7 });
        frames.AddRange(FrameBuilder.FragmentIpv4(datagram, 3));
        TestCaptures.WriteFrames(path, frames);

        // The sample TCP frames are not one connection, so sequence analysis is off; checksums are validated.
        Assert.Empty(TestCaptures.Problems(path, "-o", "tcp.analyze_sequence_numbers:FALSE"));
        var rows = Tshark.Fields(path, ["ip.checksum.status", "udp.checksum.status", "tcp.checksum.status", "vlan.id", "ip.fragment.count", "udp.length"],
            null, Tshark.ChecksumValidation);
        Assert.Equal(15, rows.Count);
        Assert.All(rows.Where(r => r[0].Length > 0), r => Assert.Equal("1", r[0]));                 // Good
        Assert.All(rows.Where(r => r[1].Length > 0), r => Assert.Equal("1", r[1]));
        Assert.All(rows.Where(r => r[2].Length > 0), r => Assert.Equal("1", r[2]));
        Assert.Equal(7, rows.Count(r => r[1] == "1"));   // six sample UDP frames and the reassembled datagram
        Assert.Equal(6, rows.Count(r => r[2] == "1"));
        Assert.Equal(["42", "42", "7", "7", "7"], rows.Where(r => r[3].Length > 0).Select(r => r[3]));
        Assert.Equal("3", rows[^1][4]);
        Assert.Equal("3008", rows[^1][5]);
    }
}
