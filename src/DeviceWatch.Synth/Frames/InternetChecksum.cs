using System.Buffers.Binary;

namespace DeviceWatch.Synth.Frames;

/// <summary>The RFC 1071 one's-complement checksum, computed as a running 64-bit sum of big-endian words.</summary>
internal static class InternetChecksum
{
    /// <summary>Adds <paramref name="data"/> (treated as starting on an even offset) to <paramref name="sum"/>.</summary>
    public static ulong Add(ulong sum, ReadOnlySpan<byte> data)
    {
        var i = 0;
        for (; i + 4 <= data.Length; i += 4)
        {
            sum += BinaryPrimitives.ReadUInt32BigEndian(data[i..]);
        }

        if (i + 2 <= data.Length)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
            i += 2;
        }

        if (i < data.Length)
        {
            sum += (ulong)data[i] << 8;
        }

        return sum;
    }

    /// <summary>Folds a running sum to 16 bits and complements it (the value to store in a header).</summary>
    public static ushort Finish(ulong sum)
    {
        while ((sum >> 16) != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }

    /// <summary>The checksum of <paramref name="data"/> alone.</summary>
    public static ushort Compute(ReadOnlySpan<byte> data) => Finish(Add(0, data));
}
