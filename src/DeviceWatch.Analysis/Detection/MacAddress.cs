namespace DeviceWatch.Analysis.Detection;

/// <summary>Parses and validates IEEE 802 MAC addresses.</summary>
internal static class MacAddress
{
    /// <summary>
    /// Parses <c>aa:bb:cc:dd:ee:ff</c> or <c>aa-bb-…</c>, or 12 bare hex digits when <paramref name="allowBare"/>;
    /// valid means unicast (I/G bit clear) and not all zero.
    /// </summary>
    public static bool IsValid(ReadOnlySpan<char> s, bool allowBare)
    {
        // The six octets, first octet highest, in one integer (no buffer on the stack).
        ulong address = 0;
        byte octet;
        if (s.Length == 17)
        {
            var sep = s[2];
            if (sep is not (':' or '-'))
            {
                return false;
            }

            for (var i = 0; i < 6; i++)
            {
                if ((i < 5 && s[i * 3 + 2] != sep) || !TryHexByte(s.Slice(i * 3, 2), out octet))
                {
                    return false;
                }

                address = (address << 8) | octet;
            }
        }
        else if (allowBare && s.Length == 12)
        {
            for (var i = 0; i < 6; i++)
            {
                if (!TryHexByte(s.Slice(i * 2, 2), out octet))
                {
                    return false;
                }

                address = (address << 8) | octet;
            }
        }
        else
        {
            return false;
        }

        // Unicast (the I/G bit of the first octet clear) and not all zero.
        return (address & (1UL << 40)) == 0 && address != 0;
    }

    private static bool TryHexByte(ReadOnlySpan<char> s, out byte value)
    {
        value = 0;
        if (!char.IsAsciiHexDigit(s[0]) || !char.IsAsciiHexDigit(s[1]))
        {
            return false;
        }

        value = (byte)((Hex(s[0]) << 4) | Hex(s[1]));
        return true;
    }

    private static int Hex(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
