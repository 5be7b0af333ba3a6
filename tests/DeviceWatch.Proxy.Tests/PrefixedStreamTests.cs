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

    /// <summary>Answers each read later, from a thread of its own (not the pool), like a socket event thread.</summary>
    private sealed class LateStream(byte[] data) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

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

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
