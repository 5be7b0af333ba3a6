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

    private static readonly NeedlePrefixScanner<int> Scanner =
        new(Needles.Select((n, i) => ((string?)n, (byte[]?)Encoding.UTF8.GetBytes(n), i)));

    // Every (position, needle) where a needle starts, the slow way.
    private static List<(int, int)> Naive(string text) =>
        [.. from p in Enumerable.Range(0, text.Length) from i in Enumerable.Range(0, Needles.Length)
            where text.AsSpan(p).StartsWith(Needles[i], StringComparison.Ordinal) select (p, i)];

    private static List<(int, int)> Naive(byte[] data) =>
        [.. from p in Enumerable.Range(0, data.Length) from i in Enumerable.Range(0, Needles.Length)
            where data.AsSpan(p).StartsWith(Encoding.UTF8.GetBytes(Needles[i])) select (p, i)];

    private static List<(int, int)> Scan(string text)
    {
        var hits = new List<(int, int)>();
        for (var p = Scanner.Next(text, 0, out var candidates); p >= 0; p = Scanner.Next(text, p + 1, out candidates))
        {
            hits.AddRange(candidates.Where(i => text.AsSpan(p).StartsWith(Needles[i], StringComparison.Ordinal)).Select(i => (p, i)));
        }

        return hits;
    }

    private static List<(int, int)> Scan(byte[] data)
    {
        var hits = new List<(int, int)>();
        for (var p = Scanner.Next(data, 0, out var candidates); p >= 0; p = Scanner.Next(data, p + 1, out candidates))
        {
            hits.AddRange(candidates.Where(i => data.AsSpan(p).StartsWith(Encoding.UTF8.GetBytes(Needles[i]))).Select(i => (p, i)));
        }

        return hits;
    }

    [Theory]
    [InlineData("")]
    [InlineData("3c2")]
    [InlineData("3c22")]
    [InlineData("mac=3c22fb123456&imei=356938035643809")]
    [InlineData("sig=d41d8cd98f00b204e9800998ecf8427ed41d8cd98f00b204e9800998ecf8427e")]
    [InlineData("n=张三 family and 张三 famil")]
    [InlineData("3C:22:FB:12:34:563C:22:FB:12:34:56")]
    public void Next_Examples_FindsEveryNeedleStartLikeNaiveSearch(string text)
    {
        Assert.Equal(Naive(text), Scan(text));
        var bytes = Encoding.UTF8.GetBytes(text);
        Assert.Equal(Naive(bytes), Scan(bytes));
    }

    [Fact]
    public void Next_RandomTextsBuiltFromNeedlePieces_SameAsNaiveSearch()
    {
        // Texts made of hex, needle fragments and whole needles, so near misses and overlaps are common.
        var piece = Gen.OneOf(
            Gen.Int[0, Needles.Length - 1].Select(i => Needles[i]),
            Gen.Int[0, Needles.Length - 1].SelectMany(i => Gen.Int[1, Needles[i].Length].Select(n => Needles[i][..n])),
            Gen.Char["0123456789abcdef:"].Array[0, 12].Select(c => new string(c)));
        piece.Array[0, 8].Select(string.Concat).Sample(text =>
        {
            Assert.Equal(Naive(text), Scan(text));
            var bytes = Encoding.UTF8.GetBytes(text);
            Assert.Equal(Naive(bytes), Scan(bytes));
        }, iter: 2000);
    }

    [Fact]
    public void Constructor_NeedleShorterThanFourUnits_Throws()
    {
        Assert.Throws<ArgumentException>(() => new NeedlePrefixScanner<int>([("abc", null, 0)]));
        Assert.Throws<ArgumentException>(() => new NeedlePrefixScanner<int>([(null, [1, 2, 3], 0)]));
    }
}
