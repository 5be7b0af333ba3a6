namespace DeviceWatch.Synth.Writing;

/// <summary>A growable write buffer in front of a stream: writers reserve a span, fill it, and commit.</summary>
internal sealed class CaptureOutput : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private byte[] _buffer;
    private int _used;
    private bool _disposed;

    public CaptureOutput(Stream stream, int bufferSize, bool leaveOpen)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanWrite)
        {
            throw new ArgumentException("The stream is not writable.", nameof(stream));
        }

        _stream = stream;
        _leaveOpen = leaveOpen;
        _buffer = new byte[Math.Max(bufferSize, 4096)];
    }

    /// <summary>Bytes handed to this output so far (written or buffered).</summary>
    public long Position { get; private set; }

    /// <summary>Returns a span of exactly <paramref name="length"/> bytes to fill before calling <see cref="Commit"/>.</summary>
    public Span<byte> Reserve(int length)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_buffer.Length - _used < length)
        {
            FlushBuffer();
            if (_buffer.Length < length)
            {
                _buffer = new byte[length];
            }
        }

        return _buffer.AsSpan(_used, length);
    }

    /// <summary>Marks <paramref name="length"/> reserved bytes as written.</summary>
    public void Commit(int length)
    {
        _used += length;
        Position += length;
    }

    /// <summary>Writes buffered bytes and flushes the stream.</summary>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        FlushBuffer();
        _stream.Flush();
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        FlushBuffer();
        _stream.Flush();
        _disposed = true;
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    private void FlushBuffer()
    {
        if (_used > 0)
        {
            _stream.Write(_buffer, 0, _used);
            _used = 0;
        }
    }
}
