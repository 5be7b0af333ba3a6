using System.Buffers.Binary;
using System.Text;

namespace DeviceWatch.Analysis.Tests.Corpus;

/// <summary>Builds protobuf wire format by hand for tests.</summary>
public sealed class ProtobufWriter
{
    private readonly MemoryStream _out = new();

    public ProtobufWriter Varint(int field, ulong value)
    {
        WriteVarint(((ulong)field << 3) | 0);
        WriteVarint(value);
        return this;
    }

    public ProtobufWriter Double(int field, double value)
    {
        WriteVarint(((ulong)field << 3) | 1);
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(b, value);
        _out.Write(b);
        return this;
    }

    public ProtobufWriter Float(int field, float value)
    {
        WriteVarint(((ulong)field << 3) | 5);
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(b, value);
        _out.Write(b);
        return this;
    }

    public ProtobufWriter Bytes(int field, byte[] value)
    {
        WriteVarint(((ulong)field << 3) | 2);
        WriteVarint((ulong)value.Length);
        _out.Write(value);
        return this;
    }

    public ProtobufWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtobufWriter Message(int field, ProtobufWriter inner) => Bytes(field, inner.ToArray());

    public byte[] ToArray() => _out.ToArray();

    private void WriteVarint(ulong v)
    {
        while (v >= 0x80)
        {
            _out.WriteByte((byte)(v | 0x80));
            v >>= 7;
        }

        _out.WriteByte((byte)v);
    }
}
