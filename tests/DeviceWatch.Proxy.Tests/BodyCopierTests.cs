using System.IO.Pipelines;
using System.Buffers;
using System.Text;
using DeviceWatch.Dissect.Common;
using DeviceWatch.Proxy.Recording;
using DeviceWatch.Proxy.Relay;
using DeviceWatch.Proxy.Tests.Peers;

namespace DeviceWatch.Proxy.Tests;

public sealed class BodyCopierTests
{
    private const string Chunked = "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nTrailer: x\r\n\r\nNEXT REQUEST";

    [Fact]
    public async Task CopyChunked_SplitAtEveryOffset_RelaysExactlyTheBodyAndLeavesTheRest()
    {
        var bytes = Encoding.ASCII.GetBytes(Chunked);
        var bodyLength = Chunked.IndexOf("NEXT", StringComparison.Ordinal);
        for (var cut = 1; cut < bytes.Length; cut++)
        {
            var pipe = new Pipe();
            await pipe.Writer.WriteAsync(bytes.AsMemory(0, cut));
            var copy = Task.Run(async () =>
            {
                using var output = new MemoryStream();
                await BodyCopier.CopyChunkedAsync(pipe.Reader, output, NewFlow(), FlowDirection.FromResponder, CancellationToken.None);
                return output.ToArray();
            });
            await Task.Delay(1);
            await pipe.Writer.WriteAsync(bytes.AsMemory(cut));
            var relayed = await copy.WaitAsync(TimeSpan.FromSeconds(5));
            Assert.Equal(bytes[..bodyLength], relayed);
            var rest = await pipe.Reader.ReadAsync();
            Assert.Equal("NEXT REQUEST", Encoding.ASCII.GetString(rest.Buffer.ToArray()));
        }
    }

    [Fact]
    public async Task CopyChunked_BadSizeLine_Throws()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync("zz\r\nhello\r\n"u8.ToArray());
        await Assert.ThrowsAsync<IOException>(() => BodyCopier.CopyChunkedAsync(pipe.Reader, Stream.Null, NewFlow(), FlowDirection.FromOriginator, CancellationToken.None));
    }

    [Fact]
    public async Task CopyFixed_StreamEndsEarly_Throws()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync("abc"u8.ToArray());
        await pipe.Writer.CompleteAsync();
        await Assert.ThrowsAsync<IOException>(() => BodyCopier.CopyFixedAsync(pipe.Reader, Stream.Null, 10, NewFlow(), FlowDirection.FromOriginator, CancellationToken.None));
    }

    private static ProxyFlow NewFlow() => new(new ProxyRecorder(new CollectingSinks().ToSinks(), new ProxyStatistics()), "127.0.0.1", 1, "127.0.0.1");
}
