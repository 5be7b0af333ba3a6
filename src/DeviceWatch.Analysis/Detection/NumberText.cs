using System.Globalization;
using System.Numerics;

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
    public static bool TryParse(ReadOnlySpan<char> s, out double value, out int decimals) =>
        Scan(s, out value, out decimals) switch
        {
            Syntax.Exact => true,
            Syntax.Long => double.TryParse(s, PlainDecimal, CultureInfo.InvariantCulture, out value),
            _ => false,
        };

    /// <summary>Parses a plain decimal number given as UTF-8 (same rules and results as the character form).</summary>
    public static bool TryParse(ReadOnlySpan<byte> s, out double value, out int decimals) =>
        Scan(s, out value, out decimals) switch
        {
            Syntax.Exact => true,
            Syntax.Long => double.TryParse(s, PlainDecimal, CultureInfo.InvariantCulture, out value),
            _ => false,
        };

    /// <summary>10<sup>n</sup>: from the table of exact powers up to 10<sup>22</sup>, computed beyond it.</summary>
    public static double PowerOfTen(int n) => (uint)n < (uint)Pow10.Length ? Pow10[n] : Math.Pow(10, n);

    private const NumberStyles PlainDecimal = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    private enum Syntax
    {
        Invalid,
        /// <summary>Valid, and the value was computed exactly.</summary>
        Exact,
        /// <summary>Valid, but too many digits to compute exactly here: double.TryParse gives the value.</summary>
        Long,
    }

    // The checks and the exact fast path shared by the character and UTF-8 forms.
    private static Syntax Scan<T>(ReadOnlySpan<T> s, out double value, out int decimals)
        where T : unmanaged, IBinaryInteger<T>
    {
        value = 0;
        decimals = 0;
        if (s.IsEmpty || s.Length > 40)
        {
            return Syntax.Invalid;
        }

        var negative = int.CreateTruncating(s[0]) == '-';
        var i = negative || int.CreateTruncating(s[0]) == '+' ? 1 : 0;
        var digits = 0;
        var dot = -1;
        for (; i < s.Length; i++)
        {
            var c = int.CreateTruncating(s[i]);
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
                return Syntax.Invalid;
            }
        }

        if (digits == 0)
        {
            return Syntax.Invalid;
        }

        decimals = dot < 0 ? 0 : s.Length - dot - 1;
        if (digits > MaxExactDigits || decimals >= Pow10.Length)
        {
            return Syntax.Long;
        }

        // Exact fast path (what double.Parse does too): the digits and the power of ten are exact doubles and one
        // IEEE division rounds correctly, so the value is the same as double.TryParse's.
        ulong mantissa = 0;
        foreach (var t in s)
        {
            var c = int.CreateTruncating(t);
            if (c is >= '0' and <= '9')
            {
                mantissa = mantissa * 10 + (ulong)(c - '0');
            }
        }

        value = mantissa / Pow10[decimals];
        value = negative ? -value : value;
        return Syntax.Exact;
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
