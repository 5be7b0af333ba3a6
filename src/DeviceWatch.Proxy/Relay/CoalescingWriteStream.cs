using System.Buffers;
using System.Runtime.CompilerServices;

namespace DeviceWatch.Proxy.Relay;

/// <summary>
/// Write side of a relay connection that gathers small writes (a head, then the body bytes already received) into
/// one pooled buffer so they leave as one TLS record and one send; <see cref="FlushAsync(CancellationToken)"/>
/// sends what is gathered. Writes of at least <see cref="Capacity"/> bytes go straight through. Reads are not
/// supported: the relay reads through its pipes. The buffer is rented only while bytes are waiting.
/// </summary>
internal sealed class CoalescingWriteStream(Stream inner) : Stream
{
    public const int Capacity = 16 * 1024;

    private byte[]? _buffer;
    private int _count;

    /// <summary>The stream written to.</summary>
    public Stream Inner => inner;

    /// <summary>Bytes gathered and not yet sent.</summary>
    public int Pending => _count;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_count + buffer.Length <= Capacity)
        {
            if (buffer.IsEmpty)
            {
                return ValueTask.CompletedTask;
            }

            _buffer ??= ArrayPool<byte>.Shared.Rent(Capacity);
            buffer.Span.CopyTo(_buffer.AsSpan(_count));
            _count += buffer.Length;
            return ValueTask.CompletedTask;
        }

        return WriteSlowAsync(buffer, cancellationToken);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask WriteSlowAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        await SendPendingAsync(cancellationToken).ConfigureAwait(false);
        if (buffer.Length >= Capacity)
        {
            await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            return;
        }

        await WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    /// <summary>Sends the gathered bytes (no-op when there are none).</summary>
    public override Task FlushAsync(CancellationToken cancellationToken) =>
        _count == 0 ? Task.CompletedTask : SendPendingAsync(cancellationToken).AsTask();

    public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SendPendingAsync(CancellationToken cancellationToken)
    {
        if (_count == 0 || _buffer is null)
        {
            return;
        }

        var buffer = _buffer;
        var count = _count;
        _count = 0;
        _buffer = null;
        try
        {
            await inner.WriteAsync(buffer.AsMemory(0, count), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        // The inner stream belongs to the caller; only the pooled buffer is given back.
        if (_buffer is { } buffer)
        {
            _buffer = null;
            _count = 0;
            ArrayPool<byte>.Shared.Return(buffer);
        }

        base.Dispose(disposing);
    }

    public override ValueTask DisposeAsync()
    {
        Dispose(true);
        return ValueTask.CompletedTask;
    }
}
