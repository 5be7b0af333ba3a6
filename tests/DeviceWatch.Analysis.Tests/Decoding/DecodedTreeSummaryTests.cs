using System.Text;
using CsCheck;
using DeviceWatch.Analysis.Decoding;
using DeviceWatch.Analysis.Detection;
using DeviceWatch.Analysis.Tests.Corpus;
using DeviceWatch.Analysis.Tests.Observations;

namespace DeviceWatch.Analysis.Tests.Decoding;

/// <summary>The trait summaries DecodedTree computes in one pass must match a naive computation from the nodes.</summary>
public sealed class DecodedTreeSummaryTests
{
    private static readonly string[] ContentTypes = ["application/json", "application/x-protobuf", "application/xml", "text/xml", "application/x-www-form-urlencoded", "application/octet-stream"];

    private static (KeyTraits[] Child, KeyTraits[] Descendant, KeyTraits All, int MaxItems, bool HasBytes) Snapshot(DecodedTree tree) =>
        (Enumerable.Range(0, tree.Count).Select(tree.ChildTraits).ToArray(),
         Enumerable.Range(0, tree.Count).Select(tree.DescendantTraits).ToArray(),
         tree.AllTraits, tree.MaxArrayItems, tree.HasBytes);

    // The summaries computed naively from the node objects.
    private static (KeyTraits[] Child, KeyTraits[] Descendant, KeyTraits All, int MaxItems, bool HasBytes) Expected(DecodedTree tree)
    {
        var nodes = tree.Nodes.ToArray();
        var child = nodes.Select(n => nodes.Where(c => c.Parent == n.Index).Aggregate(KeyTraits.None, (t, c) => t | c.Traits)).ToArray();
        var descendant = nodes.Select(n => nodes.Where(d => d.Index > n.Index && d.Index < n.End).Aggregate(KeyTraits.None, (t, d) => t | d.Traits)).ToArray();
        var all = nodes.Aggregate(KeyTraits.None, (t, n) => t | n.Traits);
        var maxItems = nodes.Where(n => n.Kind == NodeKind.Array).Select(a => nodes.Count(c => c.Parent == a.Index)).DefaultIfEmpty(0).Max();
        return (child, descendant, all, maxItems, nodes.Any(n => n.Kind == NodeKind.Bytes));
    }

    private static void CheckSummaries(DecodedTree tree)
    {
        var expected = Expected(tree);
        var actual = Snapshot(tree);
        Assert.Equal(expected.Child, actual.Child);
        Assert.Equal(expected.Descendant, actual.Descendant);
        Assert.Equal(expected.All, actual.All);
        Assert.Equal(expected.MaxItems, actual.MaxItems);
        Assert.Equal(expected.HasBytes, actual.HasBytes);
    }

    [Fact]
    public void Summaries_CorpusPayloadsDecodedIntoOneReusedTree_MatchTheNodes()
    {
        var tree = new DecodedTree(DecoderLimits.Default);
        var content = new ContentDecoder(tree);
        foreach (var labelled in new CorpusGenerator(5, 2).Generate())
        {
            PayloadDecoder.Decode(labelled.Payload, content);
            CheckSummaries(tree);
        }
    }

    [Fact]
    public void Summaries_RandomAndNestedJson_MatchTheNodes()
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
                CheckSummaries(tree);
            }, iter: 2000, threads: 1);
    }
}
