using System.Text;
using CsCheck;
using DeviceWatch.Analysis.Detection;
using DeviceWatch.Analysis.Observations;
using DeviceWatch.Core.Analysis;

namespace DeviceWatch.Analysis.Tests.Observations;

public sealed class FormKnownValueTests
{
    // The serial's base64 form ("YWI+Y2Q=") holds a '+', which a form's leaves read as a space.
    private static readonly Dictionary<string, IReadOnlyList<string>> Known = new()
    {
        [DataTypes.IdSerial] = ["ab>cd"],
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
}
