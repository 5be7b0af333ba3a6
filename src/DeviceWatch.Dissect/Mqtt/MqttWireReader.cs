using System.Text;

namespace DeviceWatch.Dissect.Mqtt;

/// <summary>Bounds-checked reader of MQTT data representations (OASIS MQTT 5.0 §1.5); reads report failure instead of throwing.</summary>
internal ref struct MqttWireReader
{
    private ReadOnlySpan<byte> _rest;

    public MqttWireReader(ReadOnlySpan<byte> data) => _rest = data;

    public readonly int Remaining => _rest.Length;

    public readonly ReadOnlySpan<byte> Rest => _rest;

    public bool TryReadByte(out byte value)
    {
        value = 0;
        if (_rest.IsEmpty)
        {
            return false;
        }
        value = _rest[0];
        _rest = _rest[1..];
        return true;
    }

    public bool TryReadUInt16(out int value)
    {
        value = 0;
        if (_rest.Length < 2)
        {
            return false;
        }
        value = (_rest[0] << 8) | _rest[1];
        _rest = _rest[2..];
        return true;
    }

    public bool TryReadBytes(int length, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (length < 0 || _rest.Length < length)
        {
            return false;
        }
        value = _rest[..length];
        _rest = _rest[length..];
        return true;
    }

    public bool TrySkip(int length) => TryReadBytes(length, out _);

    /// <summary>Variable Byte Integer: at most 4 bytes, 7 bits each, least significant first.</summary>
    public bool TryReadVarInt(out int value)
    {
        value = 0;
        for (var i = 0; i < 4; i++)
        {
            if (!TryReadByte(out var b))
            {
                return false;
            }
            value |= (b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Binary Data: 2-byte length then bytes.</summary>
    public bool TryReadBinary(out ReadOnlySpan<byte> value)
    {
        value = default;
        return TryReadUInt16(out var length) && TryReadBytes(length, out value);
    }

    /// <summary>UTF-8 Encoded String: 2-byte length then UTF-8 (invalid sequences replaced).</summary>
    public bool TryReadString(out string value)
    {
        value = string.Empty;
        if (!TryReadBinary(out var bytes))
        {
            return false;
        }
        value = Encoding.UTF8.GetString(bytes);
        return true;
    }
}
