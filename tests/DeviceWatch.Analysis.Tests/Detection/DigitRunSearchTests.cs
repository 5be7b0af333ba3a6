using CsCheck;
using DeviceWatch.Analysis.Detection;

namespace DeviceWatch.Analysis.Tests.Detection;

/// <summary>
/// The mobile-number and resident-ID searches skip ahead over text that cannot hold a long enough digit run. Both
/// are checked against the plain scans they replaced (kept here as references) on texts built from digits,
/// separators, letters and real numbers, so every skip lands both inside and outside candidate runs.
/// </summary>
public sealed class DigitRunSearchTests
{
    private static readonly Gen<string> Texts = Gen.OneOf(
            Gen.Char["0123456789"].Array[1, 20].Select(c => new string(c)),
            Gen.Char["0123456789abcdefX -+._@,"].Array[1, 12].Select(c => new string(c)),
            Gen.OneOfConst("13800138000", "+86 138 0013 8000", "0086-13800138000", "86-13912345678", "11010519491231002X",
                "110105194912310021", "3.14159265358979", "1380013800012345678"))
        .Array[0, 10].Select(string.Concat);

    [Fact]
    public void ChineseMobileNumberFind_SameAsPlainScan()
    {
        Texts.Sample(text => Assert.Equal(ReferenceMobile(text), ChineseMobileNumber.Find(text)), iter: 20_000);
    }

    [Fact]
    public void NationalIdNumberFind_SameAsPlainScan()
    {
        Texts.Sample(text => Assert.Equal(ReferenceNationalId(text), NationalIdNumber.Find(text)), iter: 20_000);
    }

    [Theory]
    [InlineData("id=11010519491231002X;", "11010519491231002X")]
    [InlineData("abcdefghijklmnopq 11010519491231002X", "11010519491231002X")]
    [InlineData("a11010519491231002X", null)]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", null)]
    public void NationalIdNumberFind_Examples(string text, string? expected) => Assert.Equal(expected, NationalIdNumber.Find(text));

    [Theory]
    [InlineData("call me on 13800138000 please", "13800138000")]
    [InlineData("abcdefghijkl 138-0013-8000", "138-0013-8000")]
    [InlineData("x+86 13912345678", "+86 13912345678")]
    [InlineData("version 1.13800138000", null)]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", null)]
    public void ChineseMobileNumberFind_Examples(string text, string? expected) => Assert.Equal(expected, ChineseMobileNumber.Find(text));

    // The scan before the skip (as it was, apart from the digits gathered into a string instead of a stack buffer).
    private static string? ReferenceMobile(string text)
    {
        var s = text.AsSpan();
        var i = 0;
        while (i < s.Length)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                i++;
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
                else if (!(s[i] is '-' or ' ' && i + 1 < s.Length && char.IsAsciiDigit(s[i + 1]) && seen is 2 or 3 or 4 or 5 or 7 or 9))
                {
                    break;
                }

                i++;
            }

            var run = s[start..i];
            if (run.Length is < 11 or > 18)
            {
                continue;
            }

            var decimalContext = (start > 0 && (s[start - 1] == '.' || char.IsAsciiLetter(s[start - 1]) || s[start - 1] == '_'))
                || (i < s.Length && (s[i] == '.' && i + 1 < s.Length && char.IsAsciiDigit(s[i + 1]) || char.IsAsciiLetter(s[i]) || s[i] == '_'));
            if (decimalContext)
            {
                continue;
            }

            var digits = string.Concat(run.ToArray().Where(char.IsAsciiDigit));
            var national = digits.Length switch
            {
                11 => digits,
                13 when digits.StartsWith("86", StringComparison.Ordinal) => digits[2..],
                15 when digits.StartsWith("0086", StringComparison.Ordinal) => digits[4..],
                _ => "",
            };
            if (national.Length > 0 && digits.Length == 13 && !(start > 0 && s[start - 1] == '+') && run.IndexOfAny(' ', '-') < 0)
            {
                national = "";
            }

            if (national.Length > 0 && ChineseMobileNumber.HasValidPrefix(national) && run.Length - digits.Length <= 3)
            {
                return (start > 0 && s[start - 1] == '+' ? "+" : "") + run.ToString();
            }
        }

        return null;
    }

    private static string? ReferenceNationalId(string text)
    {
        for (var i = 0; i + 18 <= text.Length; i++)
        {
            if (!char.IsAsciiDigit(text[i]) || (i > 0 && char.IsAsciiLetterOrDigit(text[i - 1])))
            {
                continue;
            }

            var end = i + 18;
            if (end < text.Length && char.IsAsciiLetterOrDigit(text[end]))
            {
                continue;
            }

            if (NationalIdNumber.IsValid(text.AsSpan(i, 18)))
            {
                return text.Substring(i, 18);
            }
        }

        return null;
    }
}
