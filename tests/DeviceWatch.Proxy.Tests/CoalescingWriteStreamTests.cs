using System.IO.Pipelines;
using CsCheck;
using DeviceWatch.Dissect.Common;
using DeviceWatch.Proxy.Recording;
using DeviceWatch.Proxy.Relay;
using DeviceWatch.Proxy.Tests.Peers;

namespace DeviceWatch.Proxy.Tests;

public sealed class CoalescingWriteStreamTests
{
    [Fact]
    public async Task WriteAsync_SmallWritesThenFlush_OneWriteToTheInnerStream()
    {
        var inner = new WriteLog();
        var stream = new CoalescingWriteStream(inner);
        await stream.WriteAsync("HTTP/1.1 200 OK\r\n\r\n"u8.ToArray());
        await stream.WriteAsync("body"u8.ToArray());
        Assert.Empty(inner.Writes);
        await stream.FlushAsync();
        Assert.Equal(["HTTP/1.1 200 OK\r\n\r\nbody"], inner.Writes.Select(w => System.Text.Encoding.ASCII.GetString(w)));
    }

    [Fact]
    public void WriteAsync_AnyWritesAndFlushes_InnerGetsTheSameBytesInOrder()
    {
        Gen.Select(Gen.Int[0, 40_000], Gen.Bool).Array[0, 12].Sample(steps =>
        {
            var inner = new WriteLog();
            var stream = new CoalescingWriteStream(inner);
            var expected = new List<byte>();
            var next = 0;
            foreach (var (size, flush) in steps)
            {
                var chunk = Enumerable.Range(next, size).Select(i => (byte)i).ToArray();
                next += size;
                expected.AddRange(chunk);
                stream.WriteAsync(chunk).AsTask().GetAwaiter().GetResult();
                Assert.True(stream.Pending <= CoalescingWriteStream.Capacity);
                if (flush)
                {
                    stream.FlushAsync().GetAwaiter().GetResult();
                    Assert.Equal(0, stream.Pending);
                }
            }

            stream.FlushAsync().GetAwaiter().GetResult();
            Assert.Equal(expected, inner.Writes.SelectMany(w => w));
        });
    }

    [Fact]
    public async Task CopyFixed_BodyArrivesInTwoParts_FirstPartSentBeforeWaitingForTheSecond()
    {
        // The copier must flush gathered bytes before it waits: else a peer waiting for them would never answer.
        var pipe = new Pipe();
        var inner = new WriteLog();
        var to = new CoalescingWriteStream(inner);
        await pipe.Writer.WriteAsync("hello"u8.ToArray());
        var flow = new ProxyFlow(new ProxyRecorder(new CollectingSinks().ToSinks(), new ProxyStatistics()), "127.0.0.1", 1, "127.0.0.1");
        var copy = BodyCopier.CopyFixedAsync(pipe.Reader, to, 10, flow, FlowDirection.FromResponder, CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (inner.Writes.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }

        Assert.Equal("hello"u8.ToArray(), inner.Writes.SelectMany(w => w));
        await pipe.Writer.WriteAsync("world"u8.ToArray());
        await copy.WaitAsync(TimeSpan.FromSeconds(5));
        await to.FlushAsync();
        Assert.Equal("helloworld"u8.ToArray(), inner.Writes.SelectMany(w => w));
    }

    /// <summary>A write-only stream that keeps each write separately.</summary>
    private sealed class WriteLog : Stream
    {
        private readonly Lock _lock = new();
        private readonly List<byte[]> _writes = [];

        public IReadOnlyList<byte[]> Writes
        {
            get
            {
                lock (_lock)
                {
                    return [.. _writes];
                }
            }
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count)
        {
            lock (_lock)
            {
                _writes.Add(buffer.AsSpan(offset, count).ToArray());
            }
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            lock (_lock)
            {
                _writes.Add(buffer.ToArray());
            }

            return ValueTask.CompletedTask;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
