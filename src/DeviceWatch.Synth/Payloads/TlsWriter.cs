namespace DeviceWatch.Synth.Payloads;

/// <summary>Appends big-endian TLS wire fields.</summary>
internal sealed class TlsWriter
{
    private readonly List<byte> _bytes = [];

    public int Length => _bytes.Count;

    public byte[] ToArray() => [.. _bytes];

    public void U8(byte value) => _bytes.Add(value);

    public void U16(ushort value)
    {
        _bytes.Add((byte)(value >> 8));
        _bytes.Add((byte)value);
    }

    public void Bytes(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            _bytes.Add(b);
        }
    }

    public void Random(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        _bytes.AddRange(bytes);
    }

    /// <summary>A 16-bit length-prefixed list of 16-bit values.</summary>
    public void U16List(IReadOnlyList<ushort> values)
    {
        U16((ushort)(values.Count * 2));
        foreach (var value in values)
        {
            U16(value);
        }
    }

    /// <summary>An extension: type, 16-bit length, body written by <paramref name="body"/>.</summary>
    public void Extension(ushort type, Action<TlsWriter> body)
    {
        var content = new TlsWriter();
        body(content);
        U16(type);
        U16((ushort)content.Length);
        _bytes.AddRange(content._bytes);
    }
}
