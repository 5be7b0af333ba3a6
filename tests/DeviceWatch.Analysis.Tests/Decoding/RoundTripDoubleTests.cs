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
