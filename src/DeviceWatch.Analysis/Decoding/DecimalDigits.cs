namespace DeviceWatch.Analysis.Decoding;

/// <summary>The powers of ten of 64-bit integers and how many decimal digits an integer is written with.</summary>
internal static class DecimalDigits
{
    // 10^0 .. 10^19, the powers of ten that fit in 64 bits.
    private static readonly ulong[] PowersOfTen = Enumerable.Range(0, 20)
        .Select(k => Enumerable.Repeat(10UL, k).Aggregate(1UL, (p, t) => p * t)).ToArray();

    /// <summary>10^<paramref name="n"/>, for n from 0 to 19.</summary>
    public static ulong PowerOfTen(int n) => PowersOfTen[n];

    /// <summary>How many decimal digits <paramref name="value"/> is written with.</summary>
    public static int Count(ulong value)
    {
        // A number of b bits has floor(b × log10 2) or that plus one digits (1233 / 4096 ≈ log10 2); one comparison with
        // the power of ten decides. Setting the lowest bit changes neither the bit length nor the comparison (the powers
        // of ten from 10 on are even, and 0 and 1 both have one digit).
        value |= 1;
        var guess = ((64 - System.Numerics.BitOperations.LeadingZeroCount(value)) * 1233) >> 12;
        return guess + (value >= PowersOfTen[guess] ? 1 : 0);
    }
}
