using System.Globalization;

namespace DeviceWatch.Analysis.Detection;

/// <summary>Parses numbers as sent (JSON text, numeric strings) and counts their decimals.</summary>
internal static class NumberText
{
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
