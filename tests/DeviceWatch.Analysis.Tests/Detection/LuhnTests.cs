using DeviceWatch.Analysis.Detection;

namespace DeviceWatch.Analysis.Tests.Detection;

public sealed class LuhnTests
{
    [Theory]
    [InlineData("356938035643809", true)]
    [InlineData("356938035643808", false)]
    [InlineData("89860012345678901238", true)]
    [InlineData("3569380356438a9", false)]
    [InlineData("0", false)]
    [InlineData("00", true)]
    public void IsValid_Examples(string digits, bool expected) => Assert.Equal(expected, Luhn.IsValid(digits));

    [Theory]
    [InlineData("35693803564380", '9')]
    [InlineData("8986001234567890123", '8')]
    [InlineData("7992739871", '3')]
    public void CheckDigit_MakesTheNumberValid(string payload, char expected)
    {
        Assert.Equal(expected, Luhn.CheckDigit(payload));
        Assert.True(Luhn.IsValid(payload + expected));
    }
}
