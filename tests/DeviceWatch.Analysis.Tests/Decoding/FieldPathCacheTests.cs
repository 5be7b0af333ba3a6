using DeviceWatch.Analysis.Decoding;

namespace DeviceWatch.Analysis.Tests.Decoding;

public sealed class FieldPathCacheTests
{
    [Fact]
    public void Combine_SameReferences_SamePathObject()
    {
        var cache = new FieldPathCache();
        const string parent = "body:$";
        var segment = ".imei";
        var first = cache.Combine(parent, segment);
        Assert.Equal("body:$.imei", first);
        Assert.Same(first, cache.Combine(parent, segment));
    }

    [Fact]
    public void Combine_EqualTextOtherReference_EqualPath()
    {
        var cache = new FieldPathCache();
        var a = cache.Combine("body:$", new string(".lat".AsSpan()));
        var b = cache.Combine("body:$", new string(".lat".AsSpan()));
        Assert.Equal("body:$.lat", a);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Combine_ManyDistinctSegments_StaysCorrectPastTheBound()
    {
        var cache = new FieldPathCache();
        for (var i = 0; i < 10_000; i++)
        {
            var segment = "." + i;
            Assert.Equal("url:" + segment, cache.Combine("url:", segment));
        }
    }

    [Fact]
    public void PathOf_NestedNodes_FullPath()
    {
        var tree = PayloadDecoder.Decode(Observations.TestPayloads.Http("{\"data\":{\"loc\":[{\"lat\":39.9}]}}"), DecoderLimits.Default);
        var lat = tree.Nodes.Single(n => n.Key == "lat");
        Assert.Equal("body:$.data.loc[0].lat", tree.PathOf(lat.Index));
        Assert.Equal("body:", tree.PathOf(0 + tree.Nodes.First(n => n.Segment == "body:").Index));
    }
}
