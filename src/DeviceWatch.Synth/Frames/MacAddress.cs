using System.Globalization;

namespace DeviceWatch.Synth.Frames;

/// <summary>A 48-bit Ethernet address, printed lower case with colons (the DeviceWatch form).</summary>
public readonly record struct MacAddress
{
    /// <summary>Creates an address from its 48-bit value (first octet in the high byte).</summary>
    public MacAddress(ulong value)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 0xFFFF_FFFF_FFFFUL);
        Value = value;
    }

    /// <summary>The broadcast address ff:ff:ff:ff:ff:ff.</summary>
    public static MacAddress Broadcast { get; } = new(0xFFFF_FFFF_FFFFUL);

    /// <summary>The 48-bit value, first octet in the high byte.</summary>
    public ulong Value { get; }

    /// <summary>Parses <c>aa:bb:cc:dd:ee:ff</c> or <c>aa-bb-cc-dd-ee-ff</c>.</summary>
    public static MacAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':', '-');
        if (parts.Length != 6)
        {
            throw new FormatException($"'{text}' is not a MAC address (expected six octets).");
        }

        ulong value = 0;
        foreach (var part in parts)
        {
            if (part.Length != 2 || !byte.TryParse(part, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var octet))
            {
                throw new FormatException($"'{text}' is not a MAC address (bad octet '{part}').");
            }

            value = (value << 8) | octet;
        }

        return new MacAddress(value);
    }

    /// <summary>The multicast MAC for an IPv4 multicast group (01:00:5e + low 23 bits).</summary>
    public static MacAddress ForIpv4Multicast(System.Net.IPAddress group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var bytes = group.GetAddressBytes();
        return new MacAddress(0x01005E000000UL | ((ulong)(bytes[1] & 0x7F) << 16) | ((ulong)bytes[2] << 8) | bytes[3]);
    }

    /// <summary>Writes the six octets to <paramref name="destination"/>.</summary>
    public void WriteTo(Span<byte> destination)
    {
        for (var i = 0; i < 6; i++)
        {
            destination[i] = (byte)(Value >> (8 * (5 - i)));
        }
    }

    /// <summary>The six octets.</summary>
    public byte[] GetBytes()
    {
        var bytes = new byte[6];
        WriteTo(bytes);
        return bytes;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        Span<byte> b = stackalloc byte[6];
        WriteTo(b);
        return string.Create(CultureInfo.InvariantCulture, $"{b[0]:x2}:{b[1]:x2}:{b[2]:x2}:{b[3]:x2}:{b[4]:x2}:{b[5]:x2}");
    }
}
