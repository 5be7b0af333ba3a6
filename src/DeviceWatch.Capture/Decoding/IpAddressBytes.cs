using System.Buffers.Binary;
using System.Net;

namespace DeviceWatch.Capture.Decoding;

/// <summary>An IPv4 or IPv6 address held as a 128-bit value (IPv4 mapped into ::ffff:0:0/96), cheap to hash and compare.</summary>
internal readonly record struct IpAddressBytes(UInt128 Value)
{
    private static readonly UInt128 V4Prefix = (UInt128)0xFFFF << 32;

    /// <summary>True for an IPv4 address.</summary>
    public bool IsV4 => (Value >> 32) == 0xFFFF;

    public static IpAddressBytes FromV4(ReadOnlySpan<byte> four) => new(V4Prefix | BinaryPrimitives.ReadUInt32BigEndian(four));

    public static IpAddressBytes FromV6(ReadOnlySpan<byte> sixteen) => new(BinaryPrimitives.ReadUInt128BigEndian(sixteen));

    public uint V4 => (uint)Value;

    /// <summary>True for addresses that belong to a local network: RFC 1918, link-local, unique-local, loopback, 0.0.0.0, CGNAT.</summary>
    public bool IsLocal
    {
        get
        {
            if (IsV4)
            {
                var a = V4;
                return (a >> 24) == 10
                    || (a >> 20) == (172u << 4 | 1)
                    || (a >> 16) == (192u << 8 | 168)
                    || (a >> 16) == (169u << 8 | 254)
                    || (a >> 24) == 127
                    || (a >> 22) == (100u << 2 | 1) // 100.64.0.0/10
                    || a == 0;
            }

            var top = (ushort)(Value >> 112);
            return (top & 0xFE00) == 0xFC00 || (top & 0xFFC0) == 0xFE80 || Value == 1 || Value == 0;
        }
    }

    /// <summary>True for broadcast and multicast destinations.</summary>
    public bool IsMulticastOrBroadcast
    {
        get
        {
            if (IsV4)
            {
                var a = V4;
                return (a >> 28) == 0xE || a == 0xFFFFFFFF || (a & 0xFF) == 0xFF;
            }

            return (Value >> 120) == 0xFF;
        }
    }

    public IPAddress ToIPAddress()
    {
        if (IsV4)
        {
            Span<byte> four = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(four, V4);
            return new IPAddress(four);
        }

        Span<byte> sixteen = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(sixteen, Value);
        return new IPAddress(sixteen);
    }

    public static IpAddressBytes FromIPAddress(IPAddress address)
    {
        Span<byte> buffer = stackalloc byte[16];
        if (address.TryWriteBytes(buffer, out var written) && written == 4)
        {
            return FromV4(buffer[..4]);
        }

        return FromV6(buffer);
    }

    public override string ToString() => ToIPAddress().ToString();
}
