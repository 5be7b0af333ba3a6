namespace DeviceWatch.Dissect.Http;

/// <summary>
/// Streams one body through: keeps at most a capture cap of bytes and counts the rest, so a large body is never
/// buffered whole. After a gap, capture stops (a body with a hole is not kept) but counting goes on.
/// </summary>
internal sealed class HttpBodyCapture
{
    private const int InitialCapacity = 64 * 1024;

    private readonly int _cap;
    private byte[] _buffer = [];
    private int _count;
    private long _length;
    private bool _truncated;
    private bool _stopped;

    /// <summary>Creates a capture keeping at most <paramref name="cap"/> bytes; <paramref name="expectedLength"/> sizes the first buffer.</summary>
    public HttpBodyCapture(int cap, long expectedLength)
    {
        _cap = Math.Max(0, cap);
        if (expectedLength > 0)
        {
            _buffer = new byte[(int)Math.Min(expectedLength, Math.Min(_cap, InitialCapacity))];
        }
    }

    /// <summary>Bytes seen on the wire (after de-chunking), including those not kept.</summary>
    public long Length => _length;

    /// <summary>True when bytes were not kept (cap reached or gap).</summary>
    public bool Truncated => _truncated;

    /// <summary>The kept bytes, as an exactly sized array.</summary>
    public ReadOnlyMemory<byte> Captured =>
        _count == _buffer.Length ? _buffer : _buffer.AsSpan(0, _count).ToArray();

    /// <summary>Adds body bytes.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        _length += data.Length;
        if (_stopped)
        {
            _truncated |= !data.IsEmpty;
            return;
        }

        var take = Math.Min(data.Length, _cap - _count);
        if (take < data.Length)
        {
            _truncated = true;
        }

        if (take <= 0)
        {
            return;
        }

        if (_count + take > _buffer.Length)
        {
            var size = Math.Min(_cap, Math.Max(_count + take, Math.Max(4096, _buffer.Length * 2)));
            Array.Resize(ref _buffer, size);
        }

        data[..take].CopyTo(_buffer.AsSpan(_count));
        _count += take;
    }

    /// <summary>Counts <paramref name="missing"/> lost body bytes and stops keeping bytes.</summary>
    public void Skip(long missing)
    {
        _length += missing;
        _truncated = true;
        _stopped = true;
    }
}
