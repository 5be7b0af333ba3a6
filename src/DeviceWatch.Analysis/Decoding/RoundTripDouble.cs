using System.Globalization;

namespace DeviceWatch.Analysis.Decoding;

/// <summary>
/// <c>double.ToString("R", InvariantCulture)</c> (the shortest text that reads back as the same double) with a fast
/// path for the plain decimals that binary formats carry most (coordinates, readings): the general formatter costs
/// far more than the integer arithmetic below, and a protobuf body of readings pays it for every double.
/// </summary>
internal static class RoundTripDouble
{
    // 10^0 .. 10^19 (the largest power of ten in 64 bits), as doubles (exact up to 10^22) and as integers.
    private static readonly double[] DoublePowersOfTen = Enumerable.Range(0, 20).Select(k => Math.Pow(10, k)).ToArray();
    private static readonly ulong[] IntegerPowersOfTen = Enumerable.Range(0, 20)
        .Select(k => Enumerable.Repeat(10UL, k).Aggregate(1UL, (p, t) => p * t)).ToArray();

    // Below this the double product value × 10^k is within 1/16 of the true product, so rounding it gives the
    // nearest integer to the true product whenever a candidate can read back.
    private const double MaxFastScaled = 1e15;

    /// <summary>The same text as <c>value.ToString("R", CultureInfo.InvariantCulture)</c>.</summary>
    public static string Format(double value) =>
        TryFormatPlain(value) ?? value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// The round-trip text when it is a plain decimal (1e-4 ≤ |v| &lt; 1e15, the range where "R" writes no exponent);
    /// null when the general formatter must decide (exponent notation, zero, a power-of-two mantissa, more than 19
    /// decimals).
    /// </summary>
    /// <remarks>
    /// "R" writes the fewest digits that read back as the same double; with a fixed integer part that is the fewest
    /// decimals k, and for each k the only candidate is q / 10^k with q the integer nearest to |v| × 10^k (two
    /// candidates 10^-k apart cannot both lie within half a unit in the last place at these magnitudes). While
    /// |v| × 10^k stays below 10^15 (up to 15 significant digits) doubles decide it exactly: q / 10^k divides two
    /// exact doubles and is correctly rounded like a parse, so it equals |v| exactly when the text reads back. Past
    /// that (16 and 17 digits), the double is taken as M × 2^E (M the 53-bit mantissa) and the test is done in 128-bit
    /// integers: |q × 2^-E − M × 10^k| × 2 ≤ 10^k, an exact tie reading back only to an even M, and q itself rounded
    /// to even on a decimal tie as the general formatter does. A mantissa of exactly 2^52 has a narrower gap below
    /// and is left to the general formatter. Reading back holds for every k from the fewest on, so the fewest is
    /// found by binary search in the fast range, or by a short upward scan past it.
    /// </remarks>
    public static string? TryFormatPlain(double value)
    {
        var magnitude = Math.Abs(value);
        if (!(magnitude >= 1e-4 && magnitude < 1e15))
        {
            return null;
        }

        var bits = BitConverter.DoubleToUInt64Bits(magnitude);
        if ((bits & ((1UL << 52) - 1)) == 0)
        {
            return null;
        }

        // Reading back is monotonic in k (a text that reads back still does with a zero appended). The decimals that
        // keep |v| × 10^k below 10^15 are decided in doubles, the rest in 128-bit integers: when the most decimals of
        // the fast range read back, the fewest are found among them by binary search; else (16 or 17 significant
        // digits, the usual case for a full-precision reading) the next few are tried upwards, slow probes only
        // where the answer must be.
        var most = IntegerPowersOfTen.Length - 1;
        var fastMost = most;
        while (fastMost > 0 && magnitude * DoublePowersOfTen[fastMost] >= MaxFastScaled)
        {
            fastMost--;
        }

        if (!TryDigits(magnitude, bits, fastMost, out var digits))
        {
            for (var decimals = fastMost + 1; decimals <= most; decimals++)
            {
                if (TryDigits(magnitude, bits, decimals, out digits))
                {
                    return Write(value < 0, digits, decimals);
                }
            }

            return null;
        }

        var low = 0;
        var high = fastMost;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (TryDigits(magnitude, bits, middle, out var candidate))
            {
                high = middle;
                digits = candidate;
            }
            else
            {
                low = middle + 1;
            }
        }

        return Write(value < 0, digits, high);
    }

    // The integer q such that q / 10^decimals reads back as magnitude, when there is one.
    private static bool TryDigits(double magnitude, ulong bits, int decimals, out ulong digits)
    {
        var doublePower = DoublePowersOfTen[decimals];
        var fastScaled = magnitude * doublePower;
        if (fastScaled < MaxFastScaled)
        {
            var rounded = Math.Round(fastScaled);
            digits = (ulong)rounded;
            return rounded / doublePower == magnitude;
        }

        // Normal in this range: M = 2^52 + fraction, E = exponent - 1075 (negative below 2^52 ≈ 4.5e15).
        var mantissa = (1UL << 52) | (bits & ((1UL << 52) - 1));
        var shift = 1075 - (int)(bits >> 52);
        var half = (UInt128)1 << (shift - 1);
        var power = IntegerPowersOfTen[decimals];
        var scaled = (UInt128)Math.BigMul(mantissa, power);
        var nearest = scaled >> shift;
        var remainder = scaled - (nearest << shift);
        if (remainder > half || (remainder == half && (nearest & 1) != 0))
        {
            nearest++;
        }

        var candidate = nearest << shift;
        var distance = candidate > scaled ? candidate - scaled : scaled - candidate;
        var twice = distance << 1;
        digits = (ulong)nearest;
        return twice < power || (twice == power && (mantissa & 1) == 0);
    }

    private static string Write(bool negative, ulong digits, int decimals)
    {
        var divisor = IntegerPowersOfTen[decimals];
        var integer = digits / divisor;
        var fraction = digits % divisor;
        var integerLength = DecodedNode.CountDigits(integer);
        var length = (negative ? 1 : 0) + integerLength + (decimals > 0 ? 1 + decimals : 0);
        return string.Create(length, (negative, integer, fraction, integerLength, decimals), static (span, state) =>
        {
            var pos = 0;
            if (state.negative)
            {
                span[pos++] = '-';
            }

            WriteDigits(span.Slice(pos, state.integerLength), state.integer);
            pos += state.integerLength;
            if (state.decimals > 0)
            {
                span[pos++] = '.';
                WriteDigits(span.Slice(pos, state.decimals), state.fraction);
            }
        });
    }

    // Writes value right-aligned into the whole span, padding with leading zeros.
    private static void WriteDigits(Span<char> span, ulong value)
    {
        for (var i = span.Length - 1; i >= 0; i--)
        {
            span[i] = (char)('0' + (int)(value % 10));
            value /= 10;
        }
    }
}
