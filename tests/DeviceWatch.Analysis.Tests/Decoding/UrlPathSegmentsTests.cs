using DeviceWatch.Analysis.Decoding;
using DeviceWatch.Analysis.Tests.Observations;

namespace DeviceWatch.Analysis.Tests.Decoding;

public sealed class UrlPathSegmentsTests
{
    [Fact]
    public void Of_RepeatedPath_SameStringsBack_OtherPathSplitAnew()
    {
        var segments = new UrlPathSegments();
        var first = segments.Of("/api/v1/report").ToArray();
        Assert.Equal(["api", "v1", "report"], first);

        var again = segments.Of("/api/v1/report".AsSpan()).ToArray();
        Assert.Equal(first, again);
        Assert.All(first.Zip(again), p => Assert.Same(p.First, p.Second));

        Assert.Equal(["api", "v2", "a b"], segments.Of("/api//v2/a%20b/"));
        Assert.Equal(["api", "v1", "report", "x"], segments.Of("/api/v1/report/x"));
        Assert.Equal(["api", "v1", "report"], segments.Of("/api/v1/report"));
        Assert.Empty(segments.Of("/"));
        Assert.Empty(segments.Of(""));
    }

    [Fact]
    public void Of_LongPath_NotRemembered_StillSplitEveryTime()
    {
        var segments = new UrlPathSegments();
        var longPath = "/" + string.Join("/", Enumerable.Range(0, 200).Select(i => "seg" + i));
        Assert.Equal(200, segments.Of(longPath).Count);
        Assert.Equal(["a"], segments.Of("/a"));
        Assert.Equal(200, segments.Of(longPath).Count);
        Assert.Equal("seg199", segments.Of(longPath)[^1]);
    }

    [Fact]
    public void KeyOf_TheTablesKey_LookedUpAgainAfterTheTableIsEmptied()
    {
        var table = new KeyTable();
        var segments = new UrlPathSegments();
        segments.Of("/api/v1/report");
        var api = segments.KeyOf(0, table);
        Assert.Same(table.Get("api"), api);
        Assert.Same(table.Get("v1"), segments.KeyOf(1, table));

        segments.Of("/api/v1/report");
        Assert.Same(api, segments.KeyOf(0, table));

        // Enough new names to empty the table: the remembered key is of an older generation and is looked up again.
        var generation = table.Generation;
        for (var i = 0; table.Generation == generation; i++)
        {
            table.Get("name" + i);
        }

        segments.Of("/api/v1/report");
        var again = segments.KeyOf(0, table);
        Assert.NotSame(api, again);
        Assert.Same(table.Get("api"), again);

        // Another table (another workspace) gets its own keys.
        var other = new KeyTable();
        Assert.Same(other.Get("api"), segments.KeyOf(0, other));

        // Another path drops the keys of the last one.
        segments.Of("/dev/42");
        Assert.Equal("dev", segments.KeyOf(0, other).Key);
    }

    [Fact]
    public void Decode_OneDecoderOverManyUrls_SameLeavesAsAFreshDecoderEach()
    {
        // The remembered segments must never leak from one payload into the next.
        string[] urls = ["/api/v1/report?a=1", "/api/v1/report", "/api/v1/other?x=2", "http://h.example/api/v1/report#f", "/a%2Fb/c", "/", "/api/v1/report?a=1"];
        var tree = new DecodedTree(DecoderLimits.Default);
        var reused = new ContentDecoder(tree);
        foreach (var url in urls.Concat(urls.Reverse()))
        {
            var payload = TestPayloads.Http("", null, url);
            PayloadDecoder.Decode(payload, reused);
            var fresh = PayloadDecoder.Decode(payload, DecoderLimits.Default);
            Assert.Equal(TreeShape.Of(fresh), TreeShape.Of(tree));
        }
    }
}
