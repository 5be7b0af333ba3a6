using System.Globalization;
using CsCheck;
using DeviceWatch.Analysis.Decoding;

namespace DeviceWatch.Analysis.Tests.Decoding;

public sealed class RoundTripDoubleTests
{
    private static string Reference(double d) => d.ToString("R", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(0.0)]
    [InlineData(1e-4)]
    [InlineData(9.999999999999999e-5)]
    [InlineData(1e-5)]
    [InlineData(0.00012345678901234)]
    [InlineData(1e15)]
    [InlineData(999999999999999.9)]
    [InlineData(99999999999999.98)]
    [InlineData(123456789012345.6)]
    [InlineData(39.123456)]
    [InlineData(-116.5)]
    [InlineData(0.1)]
    [InlineData(0.3)]
    [InlineData(1.0)]
    [InlineData(100.0)]
    [InlineData(2.5e-3)]
    [InlineData(39.67451383577404)]
    [InlineData(2024249309339.15625)]
    [InlineData(double.Epsilon)]
    [InlineData(double.MaxValue)]
    public void Format_EdgeValues_SameTextAsRoundTripFormat(double value)
    {
        Assert.Equal(Reference(value), RoundTripDouble.Format(value));
    }

    [Fact]
    public void Format_AnyDouble_SameTextAsRoundTripFormat()
    {
        var bits = Gen.ULong.Select(BitConverter.UInt64BitsToDouble).Where(double.IsFinite);
        // Readings as devices send them: a few decimals, read back into the nearest double.
        var decimalText = Gen.Select(Gen.Long[-999_999_999_999_999, 999_999_999_999_999], Gen.Int[0, 20],
            (m, k) => double.Parse(string.Create(CultureInfo.InvariantCulture, $"{m}E-{k}"), CultureInfo.InvariantCulture));
        var coordinates = Gen.Double[-180, 180];
        var magnitudes = Gen.Select(Gen.Double[1, 10], Gen.Int[-6, 16], (m, e) => m * Math.Pow(10, e));
        Gen.OneOf(bits, decimalText, coordinates, magnitudes).Sample(d =>
            Assert.Equal(Reference(d), RoundTripDouble.Format(d)), iter: 200_000);
    }

    [Fact]
    public void Format_CoordinatesAtFullPrecision_SameTextAsRoundTripFormat()
    {
        // Protobuf fixed64 coordinates at full precision: 16 or 17 significant digits, decided by the 15- and 16-digit
        // tests, and 13 to 16 decimals written sixteen digits at a time (17 below 1, past that writer).
        double[] wholes = [0, 1, 39, 116, -33, 179, 89];
        var random = new Random(39);
        for (var i = 0; i < 1_000_000; i++)
        {
            AssertSameText(wholes[i % wholes.Length] + random.NextDouble());
        }
    }

    [Theory]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    public void Format_DecimalsOfGivenSignificantDigits_SameTextAsRoundTripFormat(int significant)
    {
        // n-digit decimal texts m × 10^e, read into the nearest double, at every integer-part length of the plain
        // range (1e-4 to 1e15): 15 digits and fewer are found by stripping zeros, 16 and 17 by the 16-digit test.
        var random = new Random(significant);
        var least = (long)Math.Pow(10, significant - 1);
        for (var i = 0; i < 100_000; i++)
        {
            var mantissa = random.NextInt64(least, least * 10);
            var exponent = random.Next(-significant - 3, 16 - significant);
            var d = double.Parse(string.Create(CultureInfo.InvariantCulture, $"{mantissa}E{exponent}"),
                CultureInfo.InvariantCulture);
            AssertSameText(d);
            AssertSameText(-d);
        }
    }

    [Fact]
    public void Format_NearPowersOfTenAndTwo_SameTextAsRoundTripFormat()
    {
        // Where the integer digits change (the binade table's power of ten and the doubles next to it: 9.999…,
        // 99999999999999.98 and the like, whose 15-digit candidate would carry into a new digit) and where the binary
        // exponent changes (the table's scaling factor and shift, and the mantissas next to 2^52).
        var starts = Enumerable.Range(-5, 21).Select(n => Math.Pow(10, n))
            .Concat(Enumerable.Range(-15, 66).Select(n => Math.ScaleB(1, n)));
        foreach (var start in starts)
        {
            AssertSameText(start);
            AssertSameText(-start);
            var down = start;
            var up = start;
            for (var i = 0; i < 200; i++)
            {
                AssertSameText(down = Math.BitDecrement(down));
                AssertSameText(up = Math.BitIncrement(up));
                AssertSameText(-up);
            }
        }
    }

    [Fact]
    public void Format_ExactDecimalTies_SameTextAsRoundTripFormat()
    {
        // Doubles from 2^36 to 2^50 have at most 16 fraction bits, so their exact expansions often end in a 5 right
        // after the 16th or 17th significant digit (2024249309339.15625): the candidate is a tie, rounded to even.
        var random = new Random(5);
        var ties = 0;
        for (var i = 0; i < 200_000; i++)
        {
            var d = Math.ScaleB(random.NextInt64(1L << 52, 1L << 53), random.Next(36 - 52, 50 - 52));
            if (d >= 1e15)
            {
                continue;
            }

            var exact = d.ToString("F16", CultureInfo.InvariantCulture).TrimEnd('0');
            if (exact.Length is 18 or 19 && exact[^1] == '5')
            {
                ties++;
            }

            AssertSameText(d);
        }

        Assert.True(ties > 10_000, $"only {ties} ties");
    }

    [Theory]
    [InlineData(36.6)]
    [InlineData(0.25)]
    [InlineData(1234.5)]
    [InlineData(39.904211)]
    [InlineData(116.407395)]
    [InlineData(100.0)]
    [InlineData(123456789012345.0)]
    [InlineData(100000000.5)]
    [InlineData(0.001)]
    [InlineData(0.00012)]
    [InlineData(12345678.9)]
    [InlineData(1.5e-4)]
    [InlineData(12345670.0)]
    [InlineData(10203040.0)]
    [InlineData(1020.0)]
    public void Format_ShortDecimals_SameTextAsRoundTripFormat(double value)
    {
        // The 15-digit candidate with its trailing zeros stripped (by 8, 4, 2 and 1, never into the integer part:
        // 12345670 has 8 zeros after 7 decimals at 15 digits).
        AssertSameText(value);
        AssertSameText(-value);
    }

    [Fact]
    public void TryFormatPlain_SeventeenDigitsBelowOneThousandth_LeavesItToTheGeneralFormatter()
    {
        // 17 significant digits below 1e-3 take 20 decimals, past the 64-bit powers of ten.
        var random = new Random(3);
        var left = 0;
        for (var i = 0; i < 10_000; i++)
        {
            var d = 1e-4 + random.NextDouble() * 9e-4;
            var text = RoundTripDouble.TryFormatPlain(d);
            if (text is null)
            {
                left++;
                Assert.Equal(22, Reference(d).Length);
            }
            else
            {
                Assert.Equal(Reference(d), text);
            }
        }

        Assert.True(left > 1_000, $"only {left} left to the general formatter");
    }

    private static void AssertSameText(double value)
    {
        var expected = Reference(value);
        var actual = RoundTripDouble.Format(value);
        if (actual != expected)
        {
            Assert.Fail($"{value:R} (0x{BitConverter.DoubleToUInt64Bits(value):X16}): expected {expected}, got {actual}");
        }
    }

    [Fact]
    public void TryFormatPlain_ExponentOrZero_LeavesItToTheGeneralFormatter()
    {
        Assert.Null(RoundTripDouble.TryFormatPlain(1e-5));
        Assert.Null(RoundTripDouble.TryFormatPlain(1e15));
        Assert.Null(RoundTripDouble.TryFormatPlain(0.0));
        Assert.Equal("-0", RoundTripDouble.Format(-0.0));
        Assert.Equal("39.5", RoundTripDouble.TryFormatPlain(39.5));
        Assert.Equal("-0.0001", RoundTripDouble.TryFormatPlain(-1e-4));
    }
}
