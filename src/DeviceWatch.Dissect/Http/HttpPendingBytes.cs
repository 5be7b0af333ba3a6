using System.Buffers;

namespace DeviceWatch.Dissect.Http;

/// <summary>
/// Bytes held between calls (a partial line, or data waiting for an upgrade decision) in an
/// <see cref="ArrayPool{T}"/> buffer that is returned as soon as it is empty.
/// </summary>
internal sealed class HttpPendingBytes
{
    private byte[]? _buffer;
    private int _length;

    /// <summary>Number of bytes held.</summary>
    public int Length => _length;

    /// <summary>The bytes held; valid until the next <see cref="Append"/> or <see cref="Clear"/>.</summary>
    public ReadOnlySpan<byte> Span => _buffer is null ? [] : _buffer.AsSpan(0, _length);

    /// <summary>Appends <paramref name="data"/>; the caller has already checked its size limit.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        var needed = _length + data.Length;
        if (_buffer is null || _buffer.Length < needed)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, Math.Max(256, _length * 2)));
            if (_buffer is not null)
            {
                _buffer.AsSpan(0, _length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_buffer);
            }

            _buffer = larger;
        }

        data.CopyTo(_buffer.AsSpan(_length));
        _length = needed;
    }

    /// <summary>Forgets the bytes and returns the buffer to the pool.</summary>
    public void Clear()
    {
        _length = 0;
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }
    }
}
