namespace DeviceWatch.Analysis.Detection;

/// <summary>The Luhn (mod 10) check used by IMEI and ICCID.</summary>
internal static class Luhn
{
    public static bool IsValid(ReadOnlySpan<char> digits) =>
        digits.Length >= 2 && Sum(digits, doubleLast: false) is >= 0 and var sum && sum % 10 == 0;

    /// <summary>The check digit that makes <paramref name="payload"/> (digits only) + digit valid.</summary>
    public static char CheckDigit(ReadOnlySpan<char> payload) =>
        (char)('0' + (10 - Sum(payload, doubleLast: true) % 10) % 10);

    // The Luhn sum from the right, doubling every second digit (the last one too when doubleLast); -1 when a
    // character is not a digit.
    private static int Sum(ReadOnlySpan<char> digits, bool doubleLast)
    {
        var sum = 0;
        var doubleIt = doubleLast;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (d is < 0 or > 9)
            {
                return -1;
            }

            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return sum;
    }
}
