using System.Buffers.Binary;

namespace DeviceWatch.Capture.Reassembly;

/// <summary>The Internet checksum (RFC 1071): one's complement of the one's complement sum of 16-bit words.</summary>
internal static class InternetChecksum
{
    /// <summary>Adds <paramref name="data"/> (big-endian 16-bit words, an odd last byte padded with zero) to a running sum.</summary>
    public static ulong Add(ulong sum, ReadOnlySpan<byte> data)
    {
        int i = 0;
        for (; i + 1 < data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }

        if (i < data.Length)
        {
            sum += (ulong)data[i] << 8;
        }

        return sum;
    }

    /// <summary>Folds a running sum to 16 bits and complements it.</summary>
    public static ushort Finish(ulong sum)
    {
        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }

    /// <summary>The checksum of <paramref name="data"/>.</summary>
    public static ushort Compute(ReadOnlySpan<byte> data) => Finish(Add(0, data));
}
