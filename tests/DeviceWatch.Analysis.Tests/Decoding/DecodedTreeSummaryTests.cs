using System.Text;
using CsCheck;
using DeviceWatch.Analysis.Decoding;
using DeviceWatch.Analysis.Detection;
using DeviceWatch.Analysis.Tests.Corpus;
using DeviceWatch.Analysis.Tests.Observations;

namespace DeviceWatch.Analysis.Tests.Decoding;

/// <summary>The trait summaries DecodedTree keeps while nodes are added must equal a rebuild from the nodes.</summary>
public sealed class DecodedTreeSummaryTests
{
    private static readonly string[] ContentTypes = ["application/json", "application/x-protobuf", "application/xml", "application/x-www-form-urlencoded", "application/octet-stream"];

    private static (KeyTraits[] Child, KeyTraits[] Descendant, KeyTraits All, int MaxItems, bool HasBytes) Snapshot(DecodedTree tree) =>
        (Enumerable.Range(0, tree.Count).Select(tree.ChildTraits).ToArray(),
         Enumerable.Range(0, tree.Count).Select(tree.DescendantTraits).ToArray(),
         tree.AllTraits, tree.MaxArrayItems, tree.HasBytes);

    // True when the summaries were kept by Add (and then checked against a rebuild).
    private static bool CheckAgainstRebuild(DecodedTree tree)
    {
        var kept = tree.SummariesKeptByAdd;
        var before = Snapshot(tree);
        tree.RebuildSummaries();
        var after = Snapshot(tree);
        Assert.Equal(after.Child, before.Child);
        Assert.Equal(after.Descendant, before.Descendant);
        Assert.Equal(after.All, before.All);
        Assert.Equal(after.MaxItems, before.MaxItems);
        Assert.Equal(after.HasBytes, before.HasBytes);
        return kept;
    }

    [Fact]
    public void Summaries_CorpusPayloadsDecodedIntoOneReusedTree_EqualARebuild()
    {
        var tree = new DecodedTree(DecoderLimits.Default);
        var content = new ContentDecoder(tree);
        var kept = 0;
        var corpus = new CorpusGenerator(5, 2).Generate();
        foreach (var labelled in corpus)
        {
            PayloadDecoder.Decode(labelled.Payload, content);
            kept += CheckAgainstRebuild(tree) ? 1 : 0;
        }

        // Most payloads never truncate: the summaries kept by Add are what is checked, not a rebuild against itself.
        Assert.True(kept > corpus.Count / 2, $"{kept} of {corpus.Count}");
    }

    [Fact]
    public void Summaries_RandomAndNestedJson_EqualARebuild()
    {
        var tree = new DecodedTree(DecoderLimits.Default);
        var content = new ContentDecoder(tree);
        var names = Gen.OneOfConst("lat", "lng", "bssid", "rssi", "hr", "cell", "lac", "cid", "mcc", "apps", "x", "imei", "wifi");
        var leaf = Gen.OneOfConst("1", "\"3c:22:fb:12:34:56\"", "-50", "39.9", "\"com.example.app\"", "[1,2,3,4,5,6]", "\"eyJ4IjoxfQ==\"");
        var json = Gen.Recursive<string>((depth, self) => depth >= 4 ? leaf : Gen.Frequency(
            (3, leaf),
            (1, Gen.Select(names, self, (n, v) => (n, v)).Array[0, 4].Select(p => "{" + string.Join(",", p.Select(x => $"\"{x.n}\":{x.v}")) + "}")),
            (1, self.Array[0, 6].Select(a => "[" + string.Join(",", a) + "]"))));
        var bytes = Gen.Byte.Array[0, 300];
        Gen.OneOf(json.Select(j => (Encoding.UTF8.GetBytes(j), 0)), bytes.Select(Gen.Int[0, ContentTypes.Length - 1], (b, t) => (b, t)))
            .Sample(input =>
            {
                PayloadDecoder.Decode(TestPayloads.HttpBytes(input.Item1, ContentTypes[input.Item2], "/a/b?wifi=x&n=1"), content);
                CheckAgainstRebuild(tree);
            }, iter: 2000, threads: 1);
    }
}
