using System.Text;
using CsCheck;
using DeviceWatch.Analysis.Decoding;

namespace DeviceWatch.Analysis.Tests.Decoding;

public sealed class UrlEncodedDecoderTests
{
    private static List<string> Nodes(Func<ContentDecoder, int, bool> decode)
    {
        var tree = new DecodedTree(DecoderLimits.Default);
        var content = new ContentDecoder(tree);
        var body = tree.Add(-1, NodeKind.Source, "body:", FieldKey.None, "");
        var ok = decode(content, body);
        return [ok.ToString(), .. tree.Nodes.Select(n => $"{n.Index}<{n.Parent}..{n.End} {n.Kind} {n.Segment} {n.Key} {n.Encoding} = {n.Text}")];
    }

    [Fact]
    public void TryDecodeBytes_AsciiForms_SameNodesAsTheTextPath()
    {
        // Bytes of an ASCII form (read without making a string of the body) and the text path agree on every node,
        // with escapes, '+', empty and missing names or values, repeated '&' and trailing newlines.
        var part = Gen.OneOf(Gen.Const("imei"), Gen.Const("mac"), Gen.Const("a%20b"), Gen.Const("x+y"), Gen.Const(""), Gen.Const("%zz"),
            Gen.Const("3c22fb123456"), Gen.Const("eyJhIjoxfQ"), Gen.Const("%7B%22k%22%3A1%7D"), Gen.String[Gen.Char["abc019=+%"], 0, 6]);
        var pair = Gen.Select(part, part, Gen.Int[0, 2]).Select((n, v, shape) => shape switch { 0 => n, 1 => n + "=" + v, _ => n + "==" + v });
        var form = Gen.Select(pair.Array[1, 6], Gen.OneOf(Gen.Const(""), Gen.Const("\r\n"), Gen.Const("&"), Gen.Const("\n\n")))
            .Select((pairs, tail) => string.Join("&", pairs) + tail);
        form.Sample(text =>
        {
            var bytes = Encoding.ASCII.GetBytes(text);
            var viaBytes = Nodes((c, parent) => UrlEncodedDecoder.TryDecodeBytes(c, parent, bytes, "", null, "form", strict: false));
            var viaText = Nodes((c, parent) => UrlEncodedDecoder.TryDecodeText(c, parent, text.TrimEnd('\r', '\n'), "", null, "form", strict: false));
            Assert.Equal(viaText, viaBytes);
        }, iter: 3000);
    }
}
