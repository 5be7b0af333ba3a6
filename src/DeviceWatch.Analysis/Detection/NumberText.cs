using System.Globalization;

namespace DeviceWatch.Analysis.Detection;

/// <summary>Parses numbers as sent (JSON text, numeric strings) and counts their decimals.</summary>
internal static class NumberText
{
    // Up to 15 digits the integer is below 2^53 (exact as a double); 10^0..10^22 are exact doubles.
    private const int MaxExactDigits = 15;

    private static readonly double[] Pow10 =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>Parses a plain decimal number (optional sign, digits, optional fraction); no exponent, no spaces.</summary>
    public static bool TryParse(string? text, out double value, out int decimals)
    {
        if (text is null)
        {
            value = 0;
            decimals = 0;
            return false;
        }

        return TryParse(text.AsSpan(), out value, out decimals);
    }

    /// <summary>Parses a plain decimal number given as characters.</summary>
    public static bool TryParse(ReadOnlySpan<char> s, out double value, out int decimals)
    {
        value = 0;
        decimals = 0;
        if (s.IsEmpty || s.Length > 40)
        {
            return false;
        }

        var i = s[0] is '-' or '+' ? 1 : 0;
        var digits = 0;
        var dot = -1;
        for (; i < s.Length; i++)
        {
            var c = s[i];
            if (c is >= '0' and <= '9')
            {
                digits++;
            }
            else if (c == '.' && dot < 0)
            {
                dot = i;
            }
            else
            {
                return false;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        decimals = dot < 0 ? 0 : s.Length - dot - 1;
        if (digits <= MaxExactDigits && decimals < Pow10.Length)
        {
            // Exact fast path (what double.Parse does too): the digits and the power of ten are exact doubles and
            // one IEEE division rounds correctly, so the value is the same as double.TryParse's.
            ulong mantissa = 0;
            foreach (var c in s)
            {
                if (c is >= '0' and <= '9')
                {
                    mantissa = mantissa * 10 + (ulong)(c - '0');
                }
            }

            value = mantissa / Pow10[decimals];
            value = s[0] == '-' ? -value : value;
            return true;
        }

        return double.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Parses a plain decimal number given as UTF-8 (same rules and results as the character form).</summary>
    public static bool TryParse(ReadOnlySpan<byte> s, out double value, out int decimals)
    {
        value = 0;
        decimals = 0;
        if (s.IsEmpty || s.Length > 40)
        {
            return false;
        }

        var i = s[0] is (byte)'-' or (byte)'+' ? 1 : 0;
        var digits = 0;
        var dot = -1;
        for (; i < s.Length; i++)
        {
            var c = s[i];
            if (c is >= (byte)'0' and <= (byte)'9')
            {
                digits++;
            }
            else if (c == (byte)'.' && dot < 0)
            {
                dot = i;
            }
            else
            {
                return false;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        decimals = dot < 0 ? 0 : s.Length - dot - 1;
        if (digits <= MaxExactDigits && decimals < Pow10.Length)
        {
            ulong mantissa = 0;
            foreach (var c in s)
            {
                if (c is >= (byte)'0' and <= (byte)'9')
                {
                    mantissa = mantissa * 10 + (ulong)(c - '0');
                }
            }

            value = mantissa / Pow10[decimals];
            value = s[0] == (byte)'-' ? -value : value;
            return true;
        }

        return double.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>True when <paramref name="text"/> is only ASCII digits.</summary>
    public static bool IsDigits(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when <paramref name="text"/> is only hex digits.</summary>
    public static bool IsHex(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
