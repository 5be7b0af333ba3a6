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

    [Fact]
    public void TryDecode_EscapesAnywhere_EachNameAndValueUnescapedOnItsOwn()
    {
        // The decoder looks for the next '%' or '+' once and tells each name and value whether it holds one; every pair
        // must come out as if each part were unescaped on its own.
        var part = Gen.String[Gen.Char["ab%+2E0"], 0, 5];
        var pair = Gen.Select(part, part, Gen.Bool).Select((n, v, valued) => valued ? n + "=" + v : n);
        pair.Array[1, 6].Select(p => string.Join("&", p)).Sample(text =>
        {
            var expected = new List<string>();
            foreach (var segment in text.Split('&'))
            {
                var eq = segment.IndexOf('=', StringComparison.Ordinal);
                var name = UrlEncodedDecoder.Unescape(eq < 0 ? segment : segment.AsSpan(0, eq));
                if (segment.Length > 0 && name.Length > 0)
                {
                    expected.Add(name + " = " + (eq < 0 ? "" : UrlEncodedDecoder.Unescape(segment.AsSpan(eq + 1))));
                }
            }

            foreach (var viaBytes in new[] { true, false })
            {
                var tree = new DecodedTree(DecoderLimits.Default);
                var content = new ContentDecoder(tree);
                var body = tree.Add(-1, NodeKind.Source, "body:", FieldKey.None, "");
                var ok = viaBytes
                    ? UrlEncodedDecoder.TryDecodeBytes(content, body, Encoding.ASCII.GetBytes(text), "", null, "form", strict: false)
                    : UrlEncodedDecoder.TryDecodeText(content, body, text, "", null, "form", strict: false);
                var pairs = ok ? tree.Nodes.Where(n => n.Parent == body + 1).Select(n => n.Key + " = " + n.Text).ToList() : [];
                Assert.Equal(expected, pairs);
            }
        }, iter: 5000);
    }
}
