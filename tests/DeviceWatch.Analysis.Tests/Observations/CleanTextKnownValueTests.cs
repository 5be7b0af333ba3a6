using System.Text;
using CsCheck;
using DeviceWatch.Analysis.Detection;
using DeviceWatch.Analysis.Observations;
using DeviceWatch.Core.Analysis;

namespace DeviceWatch.Analysis.Tests.Observations;

/// <summary>
/// Clean forms and URLs are searched through their leaves and names, and raw only for needles that may span their
/// structure: whatever a raw search finds must still be reported.
/// </summary>
public sealed class CleanTextKnownValueTests
{
    // The serials' base64 forms ("YWI+Y2Q=", "YT8/Yg==") hold a '+' (a space in the leaves) and a '/'.
    private static readonly Dictionary<string, IReadOnlyList<string>> Known = new()
    {
        [DataTypes.IdSerial] = ["ab>cd", "a??b"],
        [DataTypes.IdImei] = ["356938035643809"],
        [DataTypes.IdMac] = ["3C:22:FB:12:34:56"],
    };

    [Fact]
    public void Inspect_FormWithPlusForSpace_EveryKnownValueInTheRawBodyFound()
    {
        var needles = KnownValueIndex.Build(Known).Needles;
        Assert.Contains(needles, n => n.Text.Contains('+', StringComparison.Ordinal));
        var pieces = needles.Select(n => n.Text).Concat(["+", "++", "hello", "x", "12", "a+b"]).ToArray();
        var value = Gen.OneOfConst(pieces).Array[1, 4].Select(p => string.Concat(p));
        var name = Gen.OneOfConst("a", "note", "k+1", "imei", "sn");
        var pair = Gen.Select(name, value, (n, v) => n + "=" + v);
        var inspector = new PayloadInspector();
        var context = new DeviceInspectionContext("dev", Known.ToDictionary(k => k.Key, k => k.Value), _ => "first");
        pair.Array[1, 5].Select(p => string.Join("&", p)).Sample(body =>
        {
            var payload = TestPayloads.HttpBytes(Encoding.ASCII.GetBytes(body), "application/x-www-form-urlencoded");
            var reported = inspector.Inspect(payload, context).Select(o => o.DataType).ToHashSet();
            foreach (var needle in needles.Where(n => body.Contains(n.Text, StringComparison.Ordinal)))
            {
                Assert.True(reported.Contains(needle.DataType), $"{needle.Form} {needle.Text} in {body}");
            }
        }, iter: 3000);
    }

    [Fact]
    public void Inspect_CleanAndEscapedUrls_EveryKnownValueInTheRawUrlFound()
    {
        var needles = KnownValueIndex.Build(Known).Needles;
        Assert.Contains(needles, n => n.Text.Contains('/', StringComparison.Ordinal));
        var pieces = needles.Select(n => n.Text).Concat(["/", "?", "&", "=", "+", "//", "api", "v1", "x=1", "%41", "#f"]).ToArray();
        var inspector = new PayloadInspector();
        var context = new DeviceInspectionContext("dev", Known.ToDictionary(k => k.Key, k => k.Value), _ => "first");
        Gen.OneOfConst(pieces).Array[1, 8].Select(p => "/" + string.Concat(p)).Sample(url =>
        {
            var payload = TestPayloads.Http("", null, url);
            var reported = inspector.Inspect(payload, context).Select(o => o.DataType).ToHashSet();
            foreach (var needle in needles.Where(n => url.Contains(n.Text, StringComparison.Ordinal)))
            {
                Assert.True(reported.Contains(needle.DataType), $"{needle.Form} {needle.Text} in {url}");
            }
        }, iter: 3000);
    }

    [Theory]
    [InlineData("/a/b?x=1&y=2", true)]
    [InlineData("/a?x=1+2&flag", true)]
    [InlineData("/a%20b", false)]
    [InlineData("/a#frag", false)]
    [InlineData("/a?=v", false)]
    [InlineData("/a?x=1&=v", false)]
    [InlineData("/a?x==v&y=1", true)]
    [InlineData("/a?x=1&y=2&=", false)]
    [InlineData("/=a", true)]
    [InlineData("/?=", false)]
    [InlineData("http://host/a", false)]
    public void IsCleanUrl_Shapes_AsDocumented(string url, bool clean)
    {
        Assert.Equal(clean, KnownValueIndex.IsCleanUrl(url));
    }
}
