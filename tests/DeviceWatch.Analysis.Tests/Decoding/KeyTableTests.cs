using System.Text;
using CsCheck;
using DeviceWatch.Analysis.Decoding;

namespace DeviceWatch.Analysis.Tests.Decoding;

public sealed class KeyTableTests
{
    private static readonly string[] Names = ["lat", "lng", "hr", "steps", "deviceId", "wifi", "bssid", "纬度", "a", "b", "lat_e6", "ts", "x", "y"];

    [Fact]
    public void GetUtf8_AnySequenceOfNames_SameKeyAsByString()
    {
        // The successor prediction and the byte cache must never answer with another name's key.
        Gen.Int[0, Names.Length - 1].Array[1, 200].Sample(order =>
        {
            var table = new KeyTable();
            foreach (var i in order)
            {
                var key = table.GetUtf8(Encoding.UTF8.GetBytes(Names[i]));
                Assert.Equal(Names[i], key.Key);
                Assert.Same(table.Get(Names[i]), key);
            }
        }, iter: 300);
    }

    [Fact]
    public void GetNumber_SameKeyAsByString_AlsoAfterTheTableIsEmptied()
    {
        var table = new KeyTable();
        foreach (var n in new[] { 1, 3, 63, 64, 1000 })
        {
            var name = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Same(table.Get(name), table.GetNumber(n, name));
            Assert.Same(table.GetNumber(n, name), table.GetNumber(n, name));
        }

        var generation = table.Generation;
        for (var i = 0; table.Generation == generation; i++)
        {
            table.Get("name" + i);
        }

        // The numbers' keys of the emptied table are not answered any more.
        Assert.Same(table.Get("3"), table.GetNumber(3, "3"));
        Assert.Equal("3", table.GetNumber(3, "3").Key);
    }

    [Fact]
    public void GetUtf8_RepeatedDocument_PredictsEachNextName()
    {
        var table = new KeyTable();
        for (var round = 0; round < 3; round++)
        {
            foreach (var name in Names)
            {
                Assert.Equal(name, table.GetUtf8(Encoding.UTF8.GetBytes(name)).Key);
            }
        }

        Assert.Equal("lng", table.Get("lat").Successor?.Key);
    }
}
