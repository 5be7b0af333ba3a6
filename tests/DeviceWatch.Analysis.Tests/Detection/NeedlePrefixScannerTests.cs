using System.Text;
using CsCheck;
using DeviceWatch.Analysis.Detection;

namespace DeviceWatch.Analysis.Tests.Detection;

public sealed class NeedlePrefixScannerTests
{
    private static readonly string[] Needles =
    [
        "356938035643809", "3c22fb123456", "3C:22:FB:12:34:56", "MzU2OTM4MDM1NjQzODA5",
        "d41d8cd98f00b204e9800998ecf8427e", "D41D8CD98F00B204E9800998ECF8427E", "da39a3ee5e6b4b0d3255bfef95601890afd80709",
        "3c22", "3c22fb", "张三 family",
    ];

    // Without the two short needles every needle has at least 12 characters (and 12 bytes): the scanner then
    // skips with its shift tables, which the full set (shortest 4) leaves out.
    private static readonly string[] LongNeedles = [.. Needles.Where(n => n.Length >= 12)];

    private static readonly NeedlePrefixScanner<int> Scanner = Build(Needles);
    private static readonly NeedlePrefixScanner<int> LongScanner = Build(LongNeedles);

    private static NeedlePrefixScanner<int> Build(string[] needles) =>
        new(needles.Select((n, i) => ((string?)n, (byte[]?)Encoding.UTF8.GetBytes(n), i)));

    // Every (position, needle) where a needle starts, the slow way.
    private static List<(int, int)> Naive(string[] needles, string text) =>
        [.. from p in Enumerable.Range(0, text.Length) from i in Enumerable.Range(0, needles.Length)
            where text.AsSpan(p).StartsWith(needles[i], StringComparison.Ordinal) select (p, i)];

    private static List<(int, int)> Naive(string[] needles, byte[] data) =>
        [.. from p in Enumerable.Range(0, data.Length) from i in Enumerable.Range(0, needles.Length)
            where data.AsSpan(p).StartsWith(Encoding.UTF8.GetBytes(needles[i])) select (p, i)];

    private static List<(int, int)> Scan(NeedlePrefixScanner<int> scanner, string[] needles, string text)
    {
        var hits = new List<(int, int)>();
        for (var p = scanner.Next(text, 0, out var candidates); p >= 0; p = scanner.Next(text, p + 1, out candidates))
        {
            hits.AddRange(candidates.Where(i => text.AsSpan(p).StartsWith(needles[i], StringComparison.Ordinal)).Select(i => (p, i)));
        }

        return hits;
    }

    private static List<(int, int)> Scan(NeedlePrefixScanner<int> scanner, string[] needles, byte[] data)
    {
        var hits = new List<(int, int)>();
        for (var p = scanner.Next(data, 0, out var candidates); p >= 0; p = scanner.Next(data, p + 1, out candidates))
        {
            hits.AddRange(candidates.Where(i => data.AsSpan(p).StartsWith(Encoding.UTF8.GetBytes(needles[i]))).Select(i => (p, i)));
        }

        return hits;
    }

    private static void AssertSameAsNaive(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Assert.Equal(Naive(Needles, text), Scan(Scanner, Needles, text));
        Assert.Equal(Naive(Needles, bytes), Scan(Scanner, Needles, bytes));
        Assert.Equal(Naive(LongNeedles, text), Scan(LongScanner, LongNeedles, text));
        Assert.Equal(Naive(LongNeedles, bytes), Scan(LongScanner, LongNeedles, bytes));
    }

    [Theory]
    [InlineData("")]
    [InlineData("3c2")]
    [InlineData("3c22")]
    [InlineData("mac=3c22fb123456&imei=356938035643809")]
    [InlineData("sig=d41d8cd98f00b204e9800998ecf8427ed41d8cd98f00b204e9800998ecf8427e")]
    [InlineData("n=张三 family and 张三 famil")]
    [InlineData("3C:22:FB:12:34:563C:22:FB:12:34:56")]
    [InlineData("356938035643809")]
    [InlineData("x356938035643809")]
    [InlineData("3569380356438093c22fb123456")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef3c22fb123456")]
    public void Next_Examples_FindsEveryNeedleStartLikeNaiveSearch(string text) => AssertSameAsNaive(text);

    [Fact]
    public void Skips_OnlyWhenEveryNeedleIsLongEnough()
    {
        Assert.False(Scanner.Skips);
        Assert.True(LongScanner.Skips);
    }

    [Fact]
    public void Next_LongNeedlesAtEveryOffsetOfFiller_FoundLikeNaiveSearch()
    {
        // The shift tables skip over filler: each needle is put at every offset of hex filler, so it ends in every
        // position of the window the scanner looks at.
        foreach (var needle in LongNeedles)
        {
            for (var offset = 0; offset <= 40; offset++)
            {
                AssertSameAsNaive(new string('f', offset) + needle + "0123456789abcdef"[..(offset % 16)]);
            }
        }
    }

    [Fact]
    public void Next_RandomTextsBuiltFromNeedlePieces_SameAsNaiveSearch()
    {
        // Texts made of hex, needle fragments and whole needles, so near misses and overlaps are common.
        var piece = Gen.OneOf(
            Gen.Int[0, Needles.Length - 1].Select(i => Needles[i]),
            Gen.Int[0, Needles.Length - 1].SelectMany(i => Gen.Int[1, Needles[i].Length].Select(n => Needles[i][..n])),
            Gen.Char["0123456789abcdef:"].Array[0, 12].Select(c => new string(c)));
        piece.Array[0, 8].Select(string.Concat).Sample(AssertSameAsNaive, iter: 2000);
    }

    [Fact]
    public void Constructor_NeedleShorterThanFourUnits_Throws()
    {
        Assert.Throws<ArgumentException>(() => new NeedlePrefixScanner<int>([("abc", null, 0)]));
        Assert.Throws<ArgumentException>(() => new NeedlePrefixScanner<int>([(null, [1, 2, 3], 0)]));
    }
}
