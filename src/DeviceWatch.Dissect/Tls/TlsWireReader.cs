namespace DeviceWatch.Dissect.Tls;

/// <summary>Bounds-checked big-endian reader over one TLS structure; every read reports failure instead of throwing.</summary>
internal ref struct TlsWireReader
{
    private ReadOnlySpan<byte> _rest;

    public TlsWireReader(ReadOnlySpan<byte> data) => _rest = data;

    public readonly int Remaining => _rest.Length;

    public bool TryReadUInt8(out byte value)
    {
        if (_rest.Length < 1)
        {
            value = 0;
            return false;
        }
        value = _rest[0];
        _rest = _rest[1..];
        return true;
    }

    public bool TryReadUInt16(out ushort value)
    {
        if (_rest.Length < 2)
        {
            value = 0;
            return false;
        }
        value = (ushort)((_rest[0] << 8) | _rest[1]);
        _rest = _rest[2..];
        return true;
    }

    public bool TryReadBytes(int length, out ReadOnlySpan<byte> value)
    {
        if (length < 0 || _rest.Length < length)
        {
            value = default;
            return false;
        }
        value = _rest[..length];
        _rest = _rest[length..];
        return true;
    }

    /// <summary>Reads a vector prefixed by a 1-byte length.</summary>
    public bool TryReadVector8(out ReadOnlySpan<byte> value)
    {
        value = default;
        return TryReadUInt8(out var length) && TryReadBytes(length, out value);
    }

    /// <summary>Reads a vector prefixed by a 2-byte length.</summary>
    public bool TryReadVector16(out ReadOnlySpan<byte> value)
    {
        value = default;
        return TryReadUInt16(out var length) && TryReadBytes(length, out value);
    }
}
