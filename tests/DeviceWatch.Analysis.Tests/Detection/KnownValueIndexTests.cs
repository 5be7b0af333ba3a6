using DeviceWatch.Analysis.Detection;
using DeviceWatch.Core.Analysis;

namespace DeviceWatch.Analysis.Tests.Detection;

public sealed class KnownValueIndexTests
{
    [Fact]
    public void Build_Mac_HasSeparatorFreeHashAndEncodedForms()
    {
        var index = KnownValueIndex.Build(new Dictionary<string, IReadOnlyList<string>> { [DataTypes.IdMac] = ["3C:22:FB:12:34:56"] });
        var forms = index.Needles.Select(n => n.Form).ToHashSet();
        foreach (var f in new[] { "plain", "lower", "nosep", "nosep(lower)", "urlencoded", "base64", "hex", "md5(plain)", "sha1(lower)", "sha256(nosep(lower))" })
        {
            Assert.Contains(f, forms);
        }

        Assert.Contains(index.Needles, n => n.Text == "3c22fb123456");
        Assert.Contains(index.Needles, n => n.Text == "3C%3A22%3AFB%3A12%3A34%3A56");
    }

    [Fact]
    public void Build_ShortValues_Skipped()
    {
        var index = KnownValueIndex.Build(new Dictionary<string, IReadOnlyList<string>> { [DataTypes.IdSerial] = ["ab"] });
        Assert.Empty(index.Needles);
    }
}
