using DeviceWatch.Analysis.Decoding;
using DeviceWatch.Analysis.Tests.Observations;

namespace DeviceWatch.Analysis.Tests.Decoding;

// Nodes keep the path they were last given; a reused tree must never hand out a path of an earlier payload.
public sealed class FieldPathTests
{
    private static Dictionary<string, string> Paths(DecodedTree tree) =>
        tree.Nodes.Where(n => n.IsScalar).GroupBy(n => n.Key ?? "").ToDictionary(g => g.Key, g => tree.PathOf(g.First().Index));

    [Fact]
    public void PathOf_NestedNodes_FullPath()
    {
        var tree = PayloadDecoder.Decode(TestPayloads.Http("{\"data\":{\"loc\":[{\"lat\":39.9}]}}"), DecoderLimits.Default);
        Assert.Equal("body:$.data.loc[0].lat", Paths(tree)["lat"]);
    }

    [Fact]
    public void PathOf_ReusedTreeWithOtherShapes_PathsOfTheCurrentPayload()
    {
        var tree = new DecodedTree(DecoderLimits.Default);
        var content = new ContentDecoder(tree);
        string[] bodies =
        [
            "{\"data\":{\"lat\":39.9,\"lng\":116.4}}",
            "{\"data\":{\"lat\":39.9,\"lng\":116.4}}",
            "{\"gps\":{\"lat\":39.9,\"lng\":116.4}}",
            "{\"data\":[{\"lat\":39.9},{\"lng\":116.4}]}",
            "{\"lat\":39.9,\"data\":{\"lng\":116.4}}",
        ];
        string[][] expected =
        [
            ["body:$.data.lat", "body:$.data.lng"],
            ["body:$.data.lat", "body:$.data.lng"],
            ["body:$.gps.lat", "body:$.gps.lng"],
            ["body:$.data[0].lat", "body:$.data[1].lng"],
            ["body:$.lat", "body:$.data.lng"],
        ];
        for (var i = 0; i < bodies.Length; i++)
        {
            PayloadDecoder.Decode(TestPayloads.Http(bodies[i]), content);
            var paths = Paths(tree);
            Assert.Equal(expected[i][0], paths["lat"]);
            Assert.Equal(expected[i][1], paths["lng"]);
        }
    }
}
