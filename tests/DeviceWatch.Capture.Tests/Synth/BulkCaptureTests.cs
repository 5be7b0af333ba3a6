using System.Globalization;
using System.Security.Cryptography;
using DeviceWatch.Capture.Tests.Writing;
using DeviceWatch.Synth.Bulk;
using DeviceWatch.Synth.Writing;

namespace DeviceWatch.Capture.Tests.Synth;

public sealed class BulkCaptureTests
{
    [Fact]
    public void WriteBulk_PacketTarget_TsharkCountsExactlyThatManyCleanFrames()
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.File("bulk.pcap");

        var written = BulkCapture.WriteBulk(path, 4000, seed: 9);

        Assert.Equal(4000, written);
        var rows = Tshark.Fields(path, ["frame.number", "_ws.expert.severity", "_ws.malformed", "dns.qry.name", "tls.handshake.extensions_server_name", "http.host"],
            null, Tshark.ChecksumValidation);
        Assert.Equal(4000, rows.Count);
        Assert.DoesNotContain(rows, r => r[2].Length > 0
            || r[1].Split('|', StringSplitOptions.RemoveEmptyEntries).Any(s => long.Parse(s, CultureInfo.InvariantCulture) >= Tshark.WarningSeverity));
        Assert.Contains(rows, r => r[3].Length > 0);
        Assert.Contains(rows, r => r[4].Length > 0);
        Assert.Contains(rows, r => r[5].Length > 0);
    }

    [Fact]
    public void Write_ByteTargetPcapNg_StopsJustPastTarget()
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.File("bulk.pcapng");

        var result = BulkCapture.Write(path, new BulkCaptureOptions { TargetBytes = 3_000_000, Format = CaptureFormat.PcapNg, Resolution = TimestampResolution.Nanosecond, Seed = 2 });

        var size = new FileInfo(path).Length;
        Assert.Equal(result.Bytes, size);
        Assert.InRange(size, 3_000_000, 3_000_000 + 1600);
        Assert.True(result.HttpSessions > 0 && result.TlsSessions > 0 && result.DnsLookups > 0);
        Assert.Contains($"Number of packets:   {result.Packets}\n", Tshark.Capinfos(path), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_SameSeed_IdenticalBytes()
    {
        static string Hash(int seed)
        {
            using var stream = new MemoryStream();
            BulkCapture.Write(stream, new BulkCaptureOptions { TargetPackets = 20_000, Seed = seed });
            return Convert.ToHexString(SHA256.HashData(stream.ToArray()));
        }

        Assert.Equal(Hash(1), Hash(1));
        Assert.NotEqual(Hash(1), Hash(2));
    }

    [Fact]
    public void Write_ManyPackets_TimestampsNeverGoBackwards()
    {
        using var stream = new MemoryStream();
        var result = BulkCapture.Write(stream, new BulkCaptureOptions { TargetPackets = 30_000, ConcurrentSessions = 200 });
        var capture = CaptureFileReader.Read(stream.ToArray());
        Assert.Equal(30_000, capture.Packets.Count);
        Assert.True(capture.Packets.Zip(capture.Packets.Skip(1)).All(p => p.First.UnixUnits <= p.Second.UnixUnits));
        Assert.True(result.End > result.Start);
    }

    [Fact]
    public void Write_NoTarget_Throws() =>
        Assert.Throws<ArgumentException>(() => BulkCapture.Write(Stream.Null, new BulkCaptureOptions()));
}
