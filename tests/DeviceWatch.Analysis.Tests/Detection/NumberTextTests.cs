using System.Globalization;
using System.Text;
using CsCheck;
using DeviceWatch.Analysis.Detection;

namespace DeviceWatch.Analysis.Tests.Detection;

public sealed class NumberTextTests
{
    private static void AssertSameAsDoubleParse(string text)
    {
        var ok = NumberText.TryParse(text, out var value, out var decimals);
        var okUtf8 = NumberText.TryParse(Encoding.UTF8.GetBytes(text), out var value8, out var decimals8);
        Assert.Equal(ok, okUtf8);
        Assert.Equal(decimals, decimals8);
        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(value8));
        if (ok)
        {
            var expected = double.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(value));
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("-0.0")]
    [InlineData("+5")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("39.1255180")]
    [InlineData("999999999999999")]
    [InlineData("9999999999999999")]
    [InlineData("0.0000000000000000000001")]
    [InlineData("0.00000000000000000000001")]
    [InlineData("1.7976931348623157")]
    [InlineData("-")]
    [InlineData("1e5")]
    [InlineData("1..2")]
    public void TryParse_EdgeCases_SameAsDoubleParse(string text) => AssertSameAsDoubleParse(text);

    [Fact]
    public void TryParse_RandomDecimals_SameBitsAsDoubleParse()
    {
        Gen.Select(Gen.Char["0123456789"].Array[1, 20], Gen.Int[-1, 20], Gen.Bool).Sample((digits, dot, negative) =>
        {
            var text = new string(digits);
            if (dot >= 0 && dot <= text.Length)
            {
                text = text.Insert(dot, ".");
            }

            AssertSameAsDoubleParse((negative ? "-" : "") + text);
        }, iter: 5000);
    }

    [Fact]
    public void PowerOfTen_TableAndBeyond_SameAsMathPow()
    {
        for (var n = 0; n <= 30; n++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(Math.Pow(10, n)), BitConverter.DoubleToInt64Bits(NumberText.PowerOfTen(n)));
        }
    }
}
