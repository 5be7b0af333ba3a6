using DeviceWatch.Analysis.Decoding;
using DeviceWatch.Analysis.Tests.Observations;

namespace DeviceWatch.Analysis.Tests.Decoding;

public sealed class XmlNamesTests
{
    [Fact]
    public void Segment_SameNameSameString_StartsOverPastTheBound()
    {
        var names = new XmlNames();
        var table = names.Settings.NameTable!;
        var lat = table.Add("lat");
        Assert.Equal("/lat", names.ElementSegment(lat));
        Assert.Same(names.ElementSegment(lat), names.ElementSegment(lat));
        Assert.Equal("/@lat", names.AttributeSegment(lat));

        var settings = names.Settings;
        for (var i = 0; i <= XmlNames.MaxNames; i++)
        {
            Assert.Equal("/n" + i, names.ElementSegment(table.Add("n" + i)));
        }

        // Past the bound the settings (and their name table) are new; segments stay right.
        Assert.NotSame(settings, names.Settings);
        var fresh = names.Settings.NameTable!.Add("lat");
        Assert.Equal("/lat", names.ElementSegment(fresh));
    }

    [Fact]
    public void Decode_OneDecoderOverManyDocuments_SameNodesAsAFreshDecoderEach()
    {
        // Documents with many distinct names through one decoder (its name table starts over on the way) give the
        // same nodes as a fresh decoder for each document.
        var tree = new DecodedTree(DecoderLimits.Default);
        var reused = new ContentDecoder(tree);
        for (var doc = 0; doc < 120; doc++)
        {
            var xml = "<root a=\"1\">" + string.Concat(Enumerable.Range(0, 40).Select(i => $"<e{doc}x{i} k=\"v{i}\">t{i}</e{doc}x{i}>")) + "<lat>39.9</lat></root>";
            var payload = TestPayloads.Http(xml, "application/xml");
            PayloadDecoder.Decode(payload, reused);
            var fresh = PayloadDecoder.Decode(payload, DecoderLimits.Default);
            Assert.Equal(TreeShape.Of(fresh), TreeShape.Of(tree));
        }
    }
}
