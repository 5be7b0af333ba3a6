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

    [Fact]
    public void Decode_ManyDocumentsWithInventedPrefixes_NamesStartOverAndNodesStayRight()
    {
        // Namespace prefixes name no segment, so only the document count bounds what they could add to the name
        // table: after MaxDocuments documents it starts over, and the nodes are those of a fresh decoder throughout.
        var tree = new DecodedTree(DecoderLimits.Default);
        var reused = new ContentDecoder(tree);
        var first = reused.XmlNames.Settings;
        for (var doc = 0; doc <= XmlNames.MaxDocuments; doc++)
        {
            var xml = $"<p{doc}:r xmlns:p{doc}=\"urn:{doc}\"><p{doc}:lat>39.9</p{doc}:lat><lng>116.4</lng></p{doc}:r>";
            var payload = TestPayloads.Http(xml, "application/xml");
            PayloadDecoder.Decode(payload, reused);
            if (doc % 512 == 0 || doc == XmlNames.MaxDocuments)
            {
                Assert.Equal(TreeShape.Of(PayloadDecoder.Decode(payload, DecoderLimits.Default)), TreeShape.Of(tree));
            }
        }

        Assert.NotSame(first, reused.XmlNames.Settings);
    }
}
