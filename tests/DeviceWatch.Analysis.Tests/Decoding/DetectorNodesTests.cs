using System.Text;
using CsCheck;
using DeviceWatch.Analysis.Decoding;
using DeviceWatch.Analysis.Detection;
using DeviceWatch.Analysis.Tests.Corpus;
using DeviceWatch.Analysis.Tests.Observations;

namespace DeviceWatch.Analysis.Tests.Decoding;

/// <summary>
/// <see cref="DecodedTree.DetectorNodes"/> leaves out only nodes that no per-node detector would report: the detectors
/// that walk it (identifiers, contacts, resident ids, GPS, app lists, motion) must find what a walk over every node
/// finds. GPS, app lists and motion only look at nodes with children and at texts of 7, 20 and more characters.
/// </summary>
public sealed class DetectorNodesTests
{
    private static void CheckDetectorNodes(DecodedTree tree)
    {
        var chosen = tree.DetectorNodes.ToArray();
        Assert.Equal(chosen.Order().ToArray(), chosen);
        Assert.Equal(chosen.Length, chosen.Distinct().Count());
        var left = Enumerable.Range(0, tree.Count).Except(chosen).Select(i => tree[i]).ToList();
        var found = new List<DetectedDatum>();
        foreach (var node in left)
        {
            Assert.False(node.HasChildren, $"node {node} has children");
            Assert.False(node.Kind == NodeKind.String && node.Text is { Length: >= 6 }, $"node {node} is a text an app list or pair could be in");
            DeviceIdentifierDetector.Visit(tree, node, found);
            ContactDetector.Visit(tree, node, found);
            NationalIdDetector.Visit(node, found);
        }

        Assert.Empty(found);
        var viaWalk = new List<DetectedDatum>();
        new GpsLocationDetector().Detect(tree, viaWalk);
        var overAll = new List<DetectedDatum>();
        foreach (var node in tree.Nodes)
        {
            DeviceIdentifierDetector.Visit(tree, node, overAll);
            ContactDetector.Visit(tree, node, overAll);
            NationalIdDetector.Visit(node, overAll);
        }

        var overChosen = new List<DetectedDatum>();
        foreach (var index in chosen)
        {
            var node = tree[index];
            DeviceIdentifierDetector.Visit(tree, node, overChosen);
            ContactDetector.Visit(tree, node, overChosen);
            NationalIdDetector.Visit(node, overChosen);
        }

        Assert.Equal(overAll, overChosen);
    }

    [Fact]
    public void DetectorNodes_CorpusPayloads_LeaveOutOnlyWhatNoDetectorReports()
    {
        var tree = new DecodedTree(DecoderLimits.Default);
        var content = new ContentDecoder(tree);
        foreach (var labelled in new CorpusGenerator(5, 2).Generate())
        {
            PayloadDecoder.Decode(labelled.Payload, content);
            CheckDetectorNodes(tree);
        }
    }

    [Fact]
    public void DetectorNodes_NumbersAndShortTextsAtEveryLength_LeaveOutOnlyWhatNoDetectorReports()
    {
        // Values at and around every length a detector decides on (6-character serials, 11-digit phones, 15-digit
        // IMEIs, 18-character id numbers, 20-digit ICCIDs), written as JSON numbers, strings and protobuf numbers,
        // under identifier, phone and meaningless names.
        var r = new Random(7);
        var values = new List<string>
        {
            TestValues.Phone(r), TestValues.Imei(r), TestValues.Iccid(r), TestValues.Imsi(r), TestValues.NationalId(r)[..17] + "0",
            "a1b2c3", "a1b2c", "1a2b3c4d", "12345", "123456", "1234567890", "39.123,116.5", "3.5,1.2",
        };
        values.AddRange(Enumerable.Range(1, 24).Select(n => TestValues.Digits(r, n)));
        values.Add(TestValues.NationalId(r));
        var names = Gen.OneOfConst("sn", "serial", "mac", "imei", "imsi", "androidid", "oaid", "phone", "mobile", "x", "v", "n", "loc", "id");
        var value = Gen.OneOfConst(values.ToArray());
        var json = Gen.Select(names, value, Gen.Bool, (n, v, quoted) => (n, v, quoted)).Array[1, 8]
            .Select(p => "{" + string.Join(",", p.Select(x => x.quoted || !x.v.All(char.IsAsciiDigit) ? $"\"{x.n}\":\"{x.v}\"" : $"\"{x.n}\":{x.v}")) + "}");
        // Doubles: any bits, the values above read as numbers, and their digits after "0.", "0.000", "0.1" and "39." (a
        // phone, IMEI or id number among the decimals, and the longest digit runs a double's text can have).
        static double Parse(string text) => double.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        static string DigitsOf(string v) => new string(v.Where(char.IsAsciiDigit).ToArray()) is { Length: > 0 } d ? d : "1";
        var doubles = Gen.OneOf(
            Gen.Double,
            value.Select(v => double.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : 1.5),
            Gen.Select(Gen.OneOfConst("0.", "0.000", "0.1", "39.", "-0.00"), value, (prefix, v) => Parse(prefix + DigitsOf(v))));
        var protobuf = Gen.Select(Gen.Int[1, 20], Gen.ULong, Gen.Float, value, doubles, (f, u, x, v, d) => (f, u, x, v, d)).Array[1, 12].Select(fields =>
        {
            var w = new ProtobufWriter();
            foreach (var (f, u, x, v, d) in fields)
            {
                _ = (u % 5) switch
                {
                    0 => w.Varint(f, u),
                    1 => w.Varint(f, ulong.TryParse(v, out var n) ? n : u % 100_000_000_000UL),
                    2 => w.Float(f, x),
                    3 => w.Double(f, d),
                    _ => w.String(f, v),
                };
            }

            return w.ToArray();
        });
        var tree = new DecodedTree(DecoderLimits.Default);
        var content = new ContentDecoder(tree);
        Gen.OneOf(json.Select(j => (Encoding.UTF8.GetBytes(j), "application/json")), protobuf.Select(p => (p, "application/x-protobuf")))
            .Sample(input =>
            {
                PayloadDecoder.Decode(TestPayloads.HttpBytes(input.Item1, input.Item2, "/a/b/123456/13800138000?mac=3c22fb123456&n=1"), content);
                CheckDetectorNodes(tree);
            }, iter: 3000, threads: 1);
    }

    [Fact]
    public void DetectorNodes_FloatUnderAnIdentifierName_IsKeptThoughItsTextIsNotWrittenYet()
    {
        // No decoder gives a float such a name today (protobuf names are field numbers); the tree must not rely on it.
        var tree = new DecodedTree(DecoderLimits.Default);
        var root = tree.Add(-1, NodeKind.Object, "body:", FieldKey.None, "");
        var serial = tree.Add(root, NodeKind.Number, ".sn", "sn", "");
        tree[serial].SetFloat(123456.7f);
        var plain = tree.Add(root, NodeKind.Number, ".x", "x", "");
        tree[plain].SetFloat(123456.7f);
        tree.Close(root);
        Assert.Equal([root, serial], tree.DetectorNodes.ToArray());
    }
}
