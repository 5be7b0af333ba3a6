using System.Text;

namespace DeviceWatch.Synth.Payloads;

/// <summary>Appends DNS wire data, compressing names against suffixes already written (RFC 1035 4.1.4).</summary>
internal sealed class DnsNameWriter
{
    private readonly List<byte> _bytes = [];
    private readonly Dictionary<string, int> _suffixes = new(StringComparer.OrdinalIgnoreCase);

    public int Length => _bytes.Count;

    public byte[] ToArray() => [.. _bytes];

    public void WriteUInt16(ushort value)
    {
        _bytes.Add((byte)(value >> 8));
        _bytes.Add((byte)value);
    }

    public void WriteUInt32(uint value)
    {
        WriteUInt16((ushort)(value >> 16));
        WriteUInt16((ushort)value);
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            _bytes.Add(b);
        }
    }

    public void SetUInt16(int at, ushort value)
    {
        _bytes[at] = (byte)(value >> 8);
        _bytes[at + 1] = (byte)value;
    }

    /// <summary>Writes <paramref name="name"/>; with <paramref name="compress"/> ends it with a pointer when a suffix is known.</summary>
    public void WriteName(string name, bool compress = true)
    {
        var labels = name.TrimEnd('.').Split('.', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < labels.Length; i++)
        {
            var suffix = string.Join('.', labels, i, labels.Length - i);
            if (compress && _suffixes.TryGetValue(suffix, out var offset))
            {
                WriteUInt16((ushort)(0xC000 | offset));
                return;
            }

            if (_bytes.Count < 0x3FFF)
            {
                _suffixes.TryAdd(suffix, _bytes.Count);
            }

            var label = Encoding.UTF8.GetBytes(labels[i]);
            if (label.Length > 63)
            {
                throw new ArgumentException($"DNS label '{labels[i]}' is longer than 63 bytes.", nameof(name));
            }

            _bytes.Add((byte)label.Length);
            WriteBytes(label);
        }

        _bytes.Add(0);
    }

}
