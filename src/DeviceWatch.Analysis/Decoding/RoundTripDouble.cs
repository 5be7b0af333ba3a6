using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DeviceWatch.Analysis.Decoding;

/// <summary>
/// <c>double.ToString("R", InvariantCulture)</c> (the shortest text that reads back as the same double) with a fast
/// path for the plain decimals that binary formats carry most (coordinates, readings): the general formatter costs
/// far more than the integer arithmetic below, and a protobuf body of readings pays it for every double.
/// </summary>
internal static class RoundTripDouble
{
    // The plain range 1e-4 ≤ |v| < 1e15 spans the binades [2^-14, 2^-13) .. [2^49, 2^50) (biased exponents 1009 ..
    // 1072).
    private const int FirstExponent = 1009;
    private const int BinadeCount = 64;

    // 5^0 .. 5^20.
    private static readonly ulong[] PowersOfFive = Enumerable.Range(0, 21)
        .Select(k => Enumerable.Repeat(5UL, k).Aggregate(1UL, (p, t) => p * t)).ToArray();

    // By binade [2^e, 2^(e+1)): the integer digits D at its start (10^(D-1) ≤ |v| < 10^D; 0 or less below 1), the
    // power of ten 10^D as a double when it lies inside the binade (from there on D is one more) else +∞, and for
    // both values of D the factor 5^k and the shift 52 - e - k of the 17-digit scaling (k = 17 - D decimals). 10^-3,
    // 10^-2 and 10^-1 round up to their doubles, so |v| ≥ double(10^D) holds exactly when |v| ≥ 10^D. (The first
    // binade starts below 1e-4: its doubles in the plain range all have D = -3, and its 5^21 is never used.)
    private static readonly Binade[] Binades = Enumerable.Range(0, BinadeCount).Select(i =>
    {
        var start = Math.ScaleB(1.0, i + FirstExponent - 1023);
        var digits = (int)Math.Floor(Math.Log10(start)) + 1;
        var power = double.Parse($"1e{digits}", CultureInfo.InvariantCulture);
        return new Binade(power < start * 2 ? power : double.PositiveInfinity, digits,
            1075 - (i + FirstExponent) - (17 - digits), PowersOfFive[Math.Min(17 - digits, 20)],
            PowersOfFive[16 - digits]);
    }).ToArray();

    // The inverses of 5, 5^2, 5^4 and 5^8 modulo 2^64, for exact division by 10, 10^2, 10^4 and 10^8.
    private static readonly ulong InverseOf5 = InverseOf(5);
    private static readonly ulong InverseOf5Pow2 = InverseOf(25);
    private static readonly ulong InverseOf5Pow4 = InverseOf(625);
    private static readonly ulong InverseOf5Pow8 = InverseOf(390_625);

    // "00" .. "99", each as the two UTF-16 code units of one 32-bit store.
    private static readonly uint[] DigitPairs = Enumerable.Range(0, 100).Select(n =>
    {
        Span<char> pair = [(char)('0' + n / 10), (char)('0' + n % 10)];
        return MemoryMarshal.Read<uint>(MemoryMarshal.AsBytes(pair));
    }).ToArray();

    /// <summary>The same text as <c>value.ToString("R", CultureInfo.InvariantCulture)</c>.</summary>
    public static string Format(double value) =>
        TryFormatPlain(value) ?? value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// The round-trip text when it is a plain decimal (1e-4 ≤ |v| &lt; 1e15, the range where "R" writes no exponent);
    /// null when the general formatter must decide (exponent notation, zero, a power-of-two mantissa, and 17
    /// significant digits below 1e-3, which would take 20 decimals).
    /// </summary>
    /// <remarks>
    /// "R" writes the fewest digits that read back as the same double; with a fixed integer part of D digits that is
    /// the fewest decimals j, and for each j the text is q / 10^j with q the integer nearest to |v| × 10^j (to even on
    /// a decimal tie). 17 significant digits always read back, so j is at most k = 17 - D. With |v| = M × 2^-s (M the
    /// 53-bit mantissa) one 64 × 64-bit product X = M × 5^k gives |v| × 10^k = X / 2^shift (shift = s - k, 1 .. 48 in
    /// this range), and a j-decimal text q / 10^j stands for q × U with U = 10^(k-j) × 2^shift. Half a unit in the
    /// last place of |v| is 5^k / 2 in these units; 5^k is odd, so no text is an exact tie, and q / 10^j reads back
    /// exactly when |q × U - X| ≤ H = (5^k - 1) / 2: some j-decimal text reads back when (X + H) mod U ≤ 2H, and the
    /// highest such multiple of U is U × floor((X + H) / U), all from the quotient and remainder of X + H by 2^shift.
    /// At 15 significant digits U is more than four times 2H, so at most one text reads back, and if any text with
    /// fewer decimals does, it is that one without trailing zeros (found by exact-division tests). Otherwise the
    /// answer has 16 digits when one reads back (the nearest of at most three candidates), else 17 (X / 2^shift
    /// rounded). A mantissa of exactly 2^52 has a narrower gap below and is left to the general formatter. The digits
    /// are written sixteen at a time in vector lanes or eight at a time from a table of digit pairs.
    /// </remarks>
    public static string? TryFormatPlain(double value)
    {
        var magnitude = Math.Abs(value);
        if (!(magnitude >= 1e-4 && magnitude < 1e15))
        {
            return null;
        }

        var bits = BitConverter.DoubleToUInt64Bits(magnitude);
        var fraction = bits & ((1UL << 52) - 1);
        if (fraction == 0)
        {
            return null;
        }

        ref readonly var binade = ref Binades[(int)(bits >> 52) - FirstExponent];
        var above = magnitude >= binade.NextPowerOfTen;
        var integerDigits = binade.Digits + (above ? 1 : 0);
        var power = above ? binade.PowerAbove : binade.Power;
        var shift = binade.Shift + (above ? 1 : 0);
        var decimals = 17 - integerDigits;

        // X = M × 5^k; Y = X + H = scaled × 2^shift + below.
        var product = Math.BigMul((1UL << 52) | fraction, power);
        var reach = power >> 1;
        var lowY = (ulong)product + reach;
        var highY = (ulong)(product >> 64) + (lowY < reach ? 1UL : 0);
        var scaled = (highY << (64 - shift)) | (lowY >> shift);
        var below = lowY & ((1UL << shift) - 1);
        var span = reach << 1;

        ulong digits;
        var hundreds = scaled / 100;
        if (((scaled - hundreds * 100) << shift) + below <= span)
        {
            // 15 significant digits read back: strip min(trailing zeros, decimals), at most 15, by 8, 4, 2 and 1.
            digits = hundreds;
            decimals -= 2;
            if (decimals >= 8 && TryDivideExactly(ref digits, InverseOf5Pow8, 8, ulong.MaxValue / 100_000_000))
            {
                decimals -= 8;
            }

            if (decimals >= 4 && TryDivideExactly(ref digits, InverseOf5Pow4, 4, ulong.MaxValue / 10_000))
            {
                decimals -= 4;
            }

            if (decimals >= 2 && TryDivideExactly(ref digits, InverseOf5Pow2, 2, ulong.MaxValue / 100))
            {
                decimals -= 2;
            }

            if (decimals >= 1 && TryDivideExactly(ref digits, InverseOf5, 1, ulong.MaxValue / 10))
            {
                decimals -= 1;
            }
        }
        else
        {
            // 16 digits when a multiple of U = 10 × 2^shift lies within H of X. The highest such, U × floor(Y / U),
            // is X + H - r (r the remainder of Y by U), and as H < 1.2 U the nearest is it or the one below it: the
            // one below when 2 (H - r) > U, or on a tie when the highest is odd.
            var tens = scaled / 10;
            var remainder = ((scaled - tens * 10) << shift) + below;
            var fails16 = (span - remainder) >> 63;
            if (fails16 != 0 && decimals > 19)
            {
                return null;
            }

            var digits16 = tens - ((((10UL << shift) + (remainder << 1)) - span - (tens & 1)) >> 63);

            // Else 17 digits: X / 2^shift rounded to nearest, to even on a tie (many multiples lie within H).
            var low = (ulong)product;
            var truncated = ((ulong)(product >> 64) << (64 - shift)) | (low >> shift);
            var digits17 = truncated + (((1UL << (shift - 1)) - (low & ((1UL << shift) - 1)) - (truncated & 1)) >> 63);
            digits = digits16 ^ ((digits16 ^ digits17) & (0 - fails16));
            decimals -= 1 - (int)fails16;
        }

        return Write(double.IsNegative(value), magnitude, digits, decimals, integerDigits);
    }

    private static string Write(bool negative, double magnitude, ulong digits, int decimals, int integerDigits)
    {
        // With decimals, the integer part of q / 10^decimals is that of |v|: an integer between them would be nearer
        // to |v| and read back with no decimals.
        var integer = decimals > 0 ? (ulong)(long)magnitude : digits;
        var fraction = digits - integer * DecimalDigits.PowerOfTen(decimals);
        var sign = negative ? 1 : 0;
        var length = sign + Math.Max(integerDigits, 1) + (decimals > 0 ? 1 + decimals : 0);
        return string.Create(length, (integer, fraction, decimals, sign), static (text, state) =>
        {
            var (integer, fraction, decimals, sign) = state;
            ref var first = ref MemoryMarshal.GetReference(text);
            var point = text.Length;
            if (decimals > 0)
            {
                // The fraction as one group of 8 or 16 digits ending the text when the text is that long: the group's
                // leading zeros land on the point and the integer part, written after it.
                point -= decimals + 1;
                if (decimals <= 8 && text.Length >= 8)
                {
                    WriteEight(ref Unsafe.Add(ref first, text.Length - 8), (uint)fraction);
                }
                else if (decimals <= 16 && text.Length >= 16)
                {
                    WriteSixteen(ref Unsafe.Add(ref first, text.Length - 16), fraction);
                }
                else
                {
                    WriteDigits(text[(point + 1)..], fraction);
                }

                text[point] = '.';
            }

            // The integer part, most often one to three digits.
            var integerLength = point - sign;
            if (integerLength == 2)
            {
                WritePair(ref Unsafe.Add(ref first, sign), (uint)integer);
            }
            else if (integerLength == 3)
            {
                var hundreds = (uint)integer / 100;
                text[sign] = (char)('0' + hundreds);
                WritePair(ref Unsafe.Add(ref first, sign + 1), (uint)integer - hundreds * 100);
            }
            else if (integerLength == 1)
            {
                text[sign] = (char)('0' + integer);
            }
            else
            {
                WriteDigits(text[sign..point], integer);
            }

            if (sign != 0)
            {
                text[0] = '-';
            }
        });
    }

    // Divides value by 10^n when it is a multiple: 10^n = 2^n × 5^n, and times the inverse of 5^n modulo 2^64 a
    // multiple of 5^n gives its quotient while anything else gives more than (2^64 - 1) / 5^n; rotated right by n, a
    // multiple of 2^n then gives its quotient and anything else sets a high bit.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryDivideExactly(ref ulong value, ulong inverse, int n, ulong largestQuotient)
    {
        var quotient = BitOperations.RotateRight(value * inverse, n);
        if (quotient > largestQuotient)
        {
            return false;
        }

        value = quotient;
        return true;
    }

    // The inverse of an odd number modulo 2^64 (each step of Newton's iteration doubles the correct low bits).
    private static ulong InverseOf(ulong odd)
    {
        var inverse = odd;
        for (var i = 0; i < 6; i++)
        {
            inverse *= 2 - odd * inverse;
        }

        return inverse;
    }

    // Writes value (below 10^16) as sixteen digits, with leading zeros, from destination on: four groups of four
    // digits, in vector lanes split into pairs (x / 100 = x × 5243 >> 19 below 43,699) and the pairs into digits
    // (x / 10 = x × 103 >> 10 below 179), each digit and the next as the two UTF-16 code units of a 32-bit lane.
    private static void WriteSixteen(ref char destination, ulong value)
    {
        var high = (uint)(value / 100_000_000);
        var low = (uint)(value - high * 100_000_000UL);
        if (!Vector128.IsHardwareAccelerated || !BitConverter.IsLittleEndian)
        {
            WriteEight(ref destination, high);
            WriteEight(ref Unsafe.Add(ref destination, 8), low);
            return;
        }

        var highUpper = high / 10_000;
        var lowUpper = low / 10_000;
        var groups = Vector128.Create(highUpper, high - highUpper * 10_000, lowUpper, low - lowUpper * 10_000);
        var hundreds = (groups * 5243) >> 19;
        var pairs = (hundreds | ((groups - hundreds * 100) << 16)).AsUInt16();
        var (firstPairs, lastPairs) = Vector128.Widen(pairs);
        var firstTens = (firstPairs * 103) >> 10;
        var lastTens = (lastPairs * 103) >> 10;
        var zeros = Vector128.Create(0x0030_0030u);
        ref var bytes = ref Unsafe.As<char, byte>(ref destination);
        Unsafe.WriteUnaligned(ref bytes, firstTens | ((firstPairs - firstTens * 10) << 16) | zeros);
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref bytes, 16), lastTens | ((lastPairs - lastTens * 10) << 16) | zeros);
    }

    // Writes value (below 10^8) as eight digits, with leading zeros, from destination on.
    private static void WriteEight(ref char destination, uint value)
    {
        var upper = value / 10_000;
        var lower = value - upper * 10_000;
        var upperHigh = upper / 100;
        var lowerHigh = lower / 100;
        WritePair(ref destination, upperHigh);
        WritePair(ref Unsafe.Add(ref destination, 2), upper - upperHigh * 100);
        WritePair(ref Unsafe.Add(ref destination, 4), lowerHigh);
        WritePair(ref Unsafe.Add(ref destination, 6), lower - lowerHigh * 100);
    }

    // Writes value (below 100) as two digits from destination on.
    private static void WritePair(ref char destination, uint value) =>
        Unsafe.WriteUnaligned(ref Unsafe.As<char, byte>(ref destination), DigitPairs[value]);

    // Writes value (below 10^span.Length) right-aligned into the whole span, padding with leading zeros.
    private static void WriteDigits(Span<char> span, ulong value)
    {
        var end = span.Length;
        while (end >= 2)
        {
            end -= 2;
            var next = value / 100;
            WritePair(ref span[end], (uint)(value - next * 100));
            value = next;
        }

        if (end == 1)
        {
            span[0] = (char)('0' + value);
        }
    }

    private readonly record struct Binade(double NextPowerOfTen, int Digits, int Shift, ulong Power, ulong PowerAbove);
}
