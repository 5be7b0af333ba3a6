namespace DeviceWatch.Proxy.Relay;

/// <summary>
/// A duplex stream that first returns bytes already read from <paramref name="inner"/> (peeked to detect the
/// protocol or read the ClientHello), then reads on; writes go straight to the inner stream. <see cref="OnRead"/>
/// shows every byte read (used to see TLS alerts during the handshake). While <see cref="OffloadReads"/> is set, a
/// read that had to wait continues on the thread pool.
/// </summary>
internal sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream inner) : Stream
{
    private ReadOnlyMemory<byte> _prefix = prefix;

    public Stream Inner => inner;

    public Action<ReadOnlyMemory<byte>>? OnRead { get; set; }

    /// <summary>
    /// Set during a TLS handshake over this stream: socket continuations may run on the runtime's socket event threads
    /// (<see cref="Listening.InlineSocketCompletions"/>), and the handshake's key exchange and certificate checks are
    /// milliseconds of CPU that would hold up every other socket of that thread; this moves them to the thread pool.
    /// </summary>
    public bool OffloadReads { get; set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>
    /// A zero-byte read completes at once with 0: <see cref="System.Net.Security.SslStream"/> issues one before every
    /// read of a TLS record (to wait without holding its buffer), which on a socket costs an extra syscall
    /// (<c>recv(MSG_PEEK)</c>) per record; answered here, SslStream goes straight to its real read, which waits for
    /// data itself (holding its pooled read buffer while a connection is idle). Streams may answer zero-byte reads this
    /// way: SslStream then reads at once, as it does over streams that cannot wait on zero-byte reads.
    /// </summary>
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return cancellationToken.IsCancellationRequested ? ValueTask.FromCanceled<int>(cancellationToken) : new(0);
        }

        return _prefix.IsEmpty && OnRead is null && !OffloadReads ? inner.ReadAsync(buffer, cancellationToken) : ReadObservedAsync(buffer, cancellationToken);
    }

    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> ReadObservedAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        int n;
        if (!_prefix.IsEmpty)
        {
            n = Math.Min(buffer.Length, _prefix.Length);
            _prefix[..n].CopyTo(buffer);
            _prefix = _prefix[n..];
        }
        else
        {
            var read = inner.ReadAsync(buffer, cancellationToken);
            var waited = !read.IsCompleted;
            n = await read.ConfigureAwait(false);
            if (waited && OffloadReads)
            {
                await Task.Yield();
            }
        }

        OnRead?.Invoke(buffer[..n]);
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override ValueTask DisposeAsync() => inner.DisposeAsync();
}
