namespace DeviceWatch.Dissect.Quic;

/// <summary>Bounds-checked reader of QUIC wire fields (RFC 9000 §16 variable-length integers); reads report failure, never throw.</summary>
internal ref struct QuicWireReader
{
    private readonly ReadOnlySpan<byte> _data;

    public QuicWireReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        Position = 0;
    }

    /// <summary>Bytes consumed so far.</summary>
    public int Position { get; private set; }

    public readonly int Remaining => _data.Length - Position;

    public bool TryReadUInt8(out byte value)
    {
        if (Remaining < 1)
        {
            value = 0;
            return false;
        }
        value = _data[Position++];
        return true;
    }

    public bool TryReadUInt32(out uint value)
    {
        if (Remaining < 4)
        {
            value = 0;
            return false;
        }
        value = (uint)((_data[Position] << 24) | (_data[Position + 1] << 16) | (_data[Position + 2] << 8) | _data[Position + 3]);
        Position += 4;
        return true;
    }

    /// <summary>A 1, 2, 4 or 8-byte variable-length integer (two-bit length prefix), at most 2^62-1.</summary>
    public bool TryReadVarInt(out ulong value)
    {
        value = 0;
        if (Remaining < 1)
        {
            return false;
        }
        var length = 1 << (_data[Position] >> 6);
        if (Remaining < length)
        {
            return false;
        }
        value = (ulong)(_data[Position] & 0x3f);
        for (var i = 1; i < length; i++)
        {
            value = (value << 8) | _data[Position + i];
        }
        Position += length;
        return true;
    }

    public bool TryReadBytes(ulong length, out ReadOnlySpan<byte> value)
    {
        if (length > (ulong)Remaining)
        {
            value = default;
            return false;
        }
        value = _data.Slice(Position, (int)length);
        Position += (int)length;
        return true;
    }

    /// <summary>Skips a run of zero bytes (PADDING frames) and returns how many were skipped.</summary>
    public int SkipZeros()
    {
        var rest = _data[Position..];
        var nonZero = rest.IndexOfAnyExcept((byte)0);
        var skipped = nonZero < 0 ? rest.Length : nonZero;
        Position += skipped;
        return skipped;
    }
}
