namespace DeviceWatch.Analysis.Detection;

/// <summary>Chinese mobile numbers: 11 digits <c>1[3-9]x</c> from an allocated prefix, optionally <c>+86</c>/<c>86</c>/<c>0086</c>.</summary>
internal static class ChineseMobileNumber
{
    private static readonly HashSet<int> Prefixes = BuildPrefixes();

    /// <summary>True when the 11 digits at the start of <paramref name="d"/> are an allocated mobile prefix.</summary>
    public static bool HasValidPrefix(ReadOnlySpan<char> d) =>
        d.Length >= 3 && d[0] == '1' && Prefixes.Contains((d[1] - '0') * 10 + (d[2] - '0'));

    /// <summary>
    /// Finds the first mobile number in <paramref name="text"/> not embedded in a longer digit run or a decimal
    /// number; returns it as written (with its country prefix) or null.
    /// </summary>
    public static string? Find(string text)
    {
        var s = text.AsSpan();
        var i = 0;
        while (i < s.Length)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                // A run long enough to hold a number (11 or more digits and separators) that starts after i covers
                // i + 11: when that character can be in no run, every run starting at i + 1 .. i + 11 is too short.
                i += i + 11 < s.Length && !char.IsAsciiDigit(s[i + 11]) && !IsSeparator(s[i + 11]) ? 12 : 1;
                continue;
            }

            var start = i;
            var seen = 0;
            while (i < s.Length)
            {
                if (char.IsAsciiDigit(s[i]))
                {
                    seen++;
                }
                else if (!(IsSeparator(s[i]) && i + 1 < s.Length && char.IsAsciiDigit(s[i + 1]) && seen is 2 or 3 or 4 or 5 or 7 or 9))
                {
                    break;
                }

                i++;
            }

            var run = s[start..i];
            if (run.Length is < 11 or > 18)
            {
                // Too short or too long to hold 11, 13 or 15 digits with at most three separators.
                continue;
            }

            if (IsDecimalContext(s, start, i))
            {
                continue;
            }

            if (NumberIn(s, start, run) is { } number)
            {
                return number;
            }
        }

        return null;
    }

    // The mobile number a digit run of 11 to 18 characters starting at start of s is, or null (its own method: the
    // digit buffer it needs on the stack would keep the scanning loop of Find from being tiered with profile guidance).
    private static string? NumberIn(ReadOnlySpan<char> s, int start, ReadOnlySpan<char> run)
    {
        Span<char> buffer = stackalloc char[18];
        var digitCount = Digits(run, buffer);
        ReadOnlySpan<char> digits = buffer[..digitCount];
        var national = digitCount switch
        {
            11 => digits,
            13 when digits.StartsWith("86") => digits[2..],
            15 when digits.StartsWith("0086") => digits[4..],
            _ => ReadOnlySpan<char>.Empty,
        };

        // A 13-digit run starting "86" is accepted only when written with a separator ("86-138…") or a plus.
        if (!national.IsEmpty && digitCount == 13 && !(start > 0 && s[start - 1] == '+') && run.IndexOfAny(' ', '-') < 0)
        {
            national = ReadOnlySpan<char>.Empty;
        }

        if (!national.IsEmpty && HasValidPrefix(national) && SeparatorsFit(run, digitCount))
        {
            var plus = start > 0 && s[start - 1] == '+' ? "+" : "";
            return plus + run.ToString();
        }

        return null;
    }

    private static bool IsSeparator(char c) => c is '-' or ' ';

    private static bool IsDecimalContext(ReadOnlySpan<char> s, int start, int end) =>
        (start > 0 && (s[start - 1] == '.' || char.IsAsciiLetter(s[start - 1]) || s[start - 1] == '_'))
        || (end < s.Length && (s[end] == '.' && end + 1 < s.Length && char.IsAsciiDigit(s[end + 1]) || char.IsAsciiLetter(s[end]) || s[end] == '_'));

    // 138 0013 8000, 138-0013-8000 and +86 138… are fine; digits scattered by separators elsewhere are not.
    private static bool SeparatorsFit(ReadOnlySpan<char> run, int digitCount)
    {
        var separators = run.Length - digitCount;
        return separators == 0 || separators <= 3;
    }

    private static int Digits(ReadOnlySpan<char> run, Span<char> buffer)
    {
        var count = 0;
        foreach (var c in run)
        {
            if (char.IsAsciiDigit(c))
            {
                buffer[count++] = c;
            }
        }

        return count;
    }

    private static HashSet<int> BuildPrefixes()
    {
        var set = new HashSet<int>();
        foreach (var p in new[] { 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 45, 46, 47, 48, 49, 50, 51, 52, 53, 55, 56, 57, 58, 59, 62, 65, 66, 67, 70, 71, 72, 73, 74, 75, 76, 77, 78, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 95, 96, 97, 98, 99 })
        {
            set.Add(p);
        }

        return set;
    }
}
