namespace DeviceWatch.Analysis.Detection;

/// <summary>
/// Resident identity numbers (GB 11643-1999): 6-digit region code with an existing province prefix, 8-digit birth
/// date that exists, 3-digit sequence, and an ISO 7064 MOD 11-2 check character (0-9 or X).
/// </summary>
internal static class NationalIdNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckChars = "10X98765432";
    private static readonly HashSet<int> Provinces = [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83];

    /// <summary>True when the 18 characters are a valid resident ID number.</summary>
    public static bool IsValid(ReadOnlySpan<char> s)
    {
        if (s.Length != 18 || !NumberText.IsDigits(s[..17]) || !(char.IsAsciiDigit(s[17]) || s[17] is 'X' or 'x'))
        {
            return false;
        }

        if (!Provinces.Contains((s[0] - '0') * 10 + (s[1] - '0')))
        {
            return false;
        }

        var year = int.Parse(s.Slice(6, 4));
        var month = int.Parse(s.Slice(10, 2));
        var day = int.Parse(s.Slice(12, 2));
        if (year is < 1900 or > 2030 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        return char.ToUpperInvariant(s[17]) == CheckCharacter(s[..17]);
    }

    /// <summary>The MOD 11-2 check character for the first 17 digits.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }

        return CheckChars[sum % 11];
    }

    /// <summary>The first valid ID number in <paramref name="text"/> that is not part of a longer run of letters or digits.</summary>
    public static string? Find(string text)
    {
        for (var i = 0; i + 18 <= text.Length; i++)
        {
            // A number's first 17 characters are digits: when the one at i + 16 is not, no number starts at i .. i + 16.
            if (!char.IsAsciiDigit(text[i + 16]))
            {
                i += 16;
                continue;
            }

            if (!char.IsAsciiDigit(text[i]) || (i > 0 && char.IsAsciiLetterOrDigit(text[i - 1])))
            {
                continue;
            }

            var end = i + 18;
            if (end < text.Length && char.IsAsciiLetterOrDigit(text[end]))
            {
                continue;
            }

            if (IsValid(text.AsSpan(i, 18)))
            {
                return text.Substring(i, 18);
            }
        }

        return null;
    }
}
