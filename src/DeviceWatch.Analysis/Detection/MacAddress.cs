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
        Span<byte> octets = stackalloc byte[6];
        if (s.Length == 17)
        {
            var sep = s[2];
            if (sep is not (':' or '-'))
            {
                return false;
            }

            for (var i = 0; i < 6; i++)
            {
                if (i < 5 && s[i * 3 + 2] != sep)
                {
                    return false;
                }

                if (!TryHexByte(s.Slice(i * 3, 2), out octets[i]))
                {
                    return false;
                }
            }
        }
        else if (allowBare && s.Length == 12)
        {
            for (var i = 0; i < 6; i++)
            {
                if (!TryHexByte(s.Slice(i * 2, 2), out octets[i]))
                {
                    return false;
                }
            }
        }
        else
        {
            return false;
        }

        if ((octets[0] & 1) != 0)
        {
            return false;
        }

        var zero = true;
        foreach (var o in octets)
        {
            zero &= o == 0;
        }

        return !zero;
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
