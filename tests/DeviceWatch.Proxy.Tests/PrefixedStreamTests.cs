using DeviceWatch.Proxy.Relay;

namespace DeviceWatch.Proxy.Tests;

public sealed class PrefixedStreamTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ReadAsync_ReadHadToWait_ContinuesOnThePoolOnlyWhenOffloading(bool offload)
    {
        var inner = new LateStream("late"u8.ToArray());
        bool? onPool = null;
        var stream = new PrefixedStream("early"u8.ToArray(), inner) { OffloadReads = offload };
        stream.OnRead = _ => onPool = Thread.CurrentThread.IsThreadPoolThread; // where the reader's work continues
        var buffer = new byte[16];

        var first = await stream.ReadAsync(buffer);
        Assert.Equal("early", System.Text.Encoding.ASCII.GetString(buffer, 0, first));

        var second = await stream.ReadAsync(buffer);
        Assert.Equal("late", System.Text.Encoding.ASCII.GetString(buffer, 0, second));
        Assert.Equal(offload, onPool);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ReadAsync_ZeroBytes_CompletesAtOnceWithoutReadingTheInnerStream(bool offload)
    {
        var inner = new CountingStream("data"u8.ToArray());
        var stream = new PrefixedStream(ReadOnlyMemory<byte>.Empty, inner) { OffloadReads = offload };

        var zero = stream.ReadAsync(Memory<byte>.Empty);

        Assert.True(zero.IsCompletedSuccessfully);
        Assert.Equal(0, await zero);
        Assert.Equal(0, inner.Reads);
        Assert.Equal("data", await ReadAsciiAsync(stream));
        Assert.Equal(1, inner.Reads);
    }

    [Fact]
    public async Task ReadAsync_ZeroBytesBeforeThePrefix_LeavesThePrefixForTheNextRead()
    {
        var inner = new CountingStream("late"u8.ToArray());
        var stream = new PrefixedStream("early"u8.ToArray(), inner);

        Assert.Equal(0, await stream.ReadAsync(Memory<byte>.Empty));

        Assert.Equal("early", await ReadAsciiAsync(stream));
        Assert.Equal(0, inner.Reads);
    }

    [Fact]
    public async Task ReadAsync_ZeroBytesWhenCancelled_IsCancelled()
    {
        var stream = new PrefixedStream(ReadOnlyMemory<byte>.Empty, new CountingStream([]));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => _ = await stream.ReadAsync(Memory<byte>.Empty, cancelled.Token));
    }

    /// <summary>A stream that can only be read asynchronously: what the doubles below share.</summary>
    private abstract class AsyncReadStream : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public abstract override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>Counts reads that reach it; answers each with its data at once.</summary>
    private sealed class CountingStream(byte[] data) : AsyncReadStream
    {
        public int Reads { get; private set; }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Reads++;
            var n = Math.Min(buffer.Length, data.Length);
            data.AsSpan(0, n).CopyTo(buffer.Span);
            return new(n);
        }

    }

    /// <summary>Answers each read later, from a thread of its own (not the pool), like a socket event thread.</summary>
    private sealed class LateStream(byte[] data) : AsyncReadStream
    {

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var done = new TaskCompletionSource<int>(TaskCreationOptions.None);
            var thread = new Thread(() =>
            {
                Thread.Sleep(20);
                data.CopyTo(buffer);
                done.SetResult(data.Length); // continuations run right here, on this thread
            }) { IsBackground = true };
            thread.Start();
            return new ValueTask<int>(done.Task);
        }

    }

    // One read of up to 16 bytes, as ASCII text.
    private static async Task<string> ReadAsciiAsync(Stream stream)
    {
        var buffer = new byte[16];
        var n = await stream.ReadAsync(buffer);
        return System.Text.Encoding.ASCII.GetString(buffer, 0, n);
    }
}
