using DeviceWatch.Capture.Tests.Writing;
using DeviceWatch.Synth.Tcp;
using DeviceWatch.Synth.Writing;

namespace DeviceWatch.Capture.Tests.Synth;

public sealed class TcpSessionTsharkTests
{
    private static readonly byte[] Request = Enumerable.Range(0, 5000).Select(i => (byte)('a' + i % 26)).ToArray();
    private static readonly byte[] Response = Enumerable.Range(0, 40_000).Select(i => (byte)(i * 31)).ToArray();

    [Fact]
    public void Session_RequestResponseClose_TsharkFollowsBothStreamsWithoutWarnings()
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.File("tcp.pcap");
        TestCaptures.WriteTcp(path, 9000, [(true, Request), (false, Response)]);

        Assert.Empty(TestCaptures.Problems(path));
        var follow = Tshark.Run("tshark", ["-r", path, "-q", "-z", "follow,tcp,raw,0"]);
        var lines = follow.Split('\n').SkipWhile(l => !l.StartsWith("Node 1:", StringComparison.Ordinal)).Skip(1)
            .TakeWhile(l => !l.StartsWith("====", StringComparison.Ordinal)).ToList();
        var client = Convert.FromHexString(string.Concat(lines.Where(l => !l.StartsWith('\t')).Select(l => l.Trim())));
        var server = Convert.FromHexString(string.Concat(lines.Where(l => l.StartsWith('\t')).Select(l => l.Trim())));
        Assert.Equal(Request, client);
        Assert.Equal(Response, server);
        var flags = Tshark.Values(path, "tcp.flags.str");
        Assert.Equal(2, flags.Count(f => f.Contains('F', StringComparison.Ordinal)));
        Assert.Equal(2, flags.Count(f => f.Contains('S', StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(TcpFault.Retransmission, "tcp.analysis.retransmission")]
    [InlineData(TcpFault.OutOfOrder, "tcp.analysis.out_of_order")]
    public void Send_WithFault_TsharkFlagsIt(TcpFault fault, string analysisField)
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.File("fault.pcap");
        using (var writer = PcapFileWriter.Create(path))
        {
            new TcpSessionBuilder(writer, TestCaptures.Client, TestCaptures.Server, TestCaptures.Start)
                .Open()
                .ClientSends(Request, fault)
                .ServerSends(Response)
                .Close();
        }

        Assert.Single(Tshark.Fields(path, ["frame.number"], analysisField));
        Assert.Empty(Tshark.Fields(path, ["frame.number"], "tcp.checksum.status != 1 || _ws.malformed", Tshark.ChecksumValidation));
    }

    [Fact]
    public void Reset_FromServer_TsharkSeesOneRstFromServer()
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.File("rst.pcap");
        using (var writer = PcapFileWriter.Create(path))
        {
            new TcpSessionBuilder(writer, TestCaptures.Client, TestCaptures.Server, TestCaptures.Start)
                .Open()
                .ClientSends(Request)
                .Reset(TcpDirection.ServerToClient);
        }

        Assert.Equal(["203.0.113.9"], Tshark.Values(path, "ip.src", "tcp.flags.reset == 1"));
    }
}
