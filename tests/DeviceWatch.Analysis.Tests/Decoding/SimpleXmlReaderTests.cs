using System.Text;
using CsCheck;
using DeviceWatch.Analysis.Decoding;

namespace DeviceWatch.Analysis.Tests.Decoding;

/// <summary>
/// <see cref="SimpleXmlReader"/> must give exactly the nodes <c>XmlReader</c> gives, or refuse the document. Each
/// document is decoded twice, with the subset reader allowed and with <c>XmlReader</c> only, and the trees, results,
/// anomalies and budgets compared: on generated documents (namespaces, attributes, entities, comments, line ends,
/// whitespace runs, and constructs the subset refuses) and on the same documents cut and damaged.
/// </summary>
public sealed class SimpleXmlReaderTests
{
    private static readonly Gen<string> Names = Gen.OneOfConst("a", "lat", "Body", "deviceId", "x-y", "n.1", "_u", "GetDeviceSettings", "Name2");
    private static readonly Gen<string> Texts = Gen.OneOf(
        Gen.OneOfConst("39.9042", "116.4074", "356938035643809", "hello world", "  padded  ", " ", "\n  ", "\r\n", "a\r\nb", "x\ry",
            "&lt;tag&gt;", "Tom &amp; Jerry", "&quot;q&quot; &apos;a&apos;", "a > b", "]]>", "&#65;", "&unknown;", "&", "é中文",
            "\t", "3c:22:fb:12:34:56", "eyJhIjoxfQ", "a=1&amp;b=2"),
        Gen.Char["abc 0123&;<>\r\n\t"].Array[0, 6].Select(c => new string(c)));

    // Only what the subset reads: half of the documents are built from these, so both readers are compared on many.
    private static readonly Gen<string> CleanTexts = Gen.OneOfConst("39.9042", "356938035643809", "hello world", "  padded  ", " ", "\n  ",
        "\r\n", "a\r\nb", "x\ry", "&lt;tag&gt;", "Tom &amp; Jerry", "&quot;q&quot; &apos;a&apos;", "a > b", "é中文", "\t");

    private static readonly Gen<string> AttributeValues = Gen.OneOfConst("1", "", "v w", "a&amp;b", "&lt;", "tab\there", "line\nbreak",
        "q'uote", "39.9", "<", "&#10;", "preserve");

    private static readonly Gen<string> CleanAttributeValues = Gen.OneOfConst("1", "", "v w", "a&amp;b", "&lt;", "q'uote", "39.9");

    private static Gen<string> Element(int depth) => Element(depth, clean: false);

    private static Gen<string> Element(int depth, bool clean) =>
        Gen.Select(Names, Gen.Int[0, 3], Gen.Int[0, 9], Gen.Int[0, 2]).SelectMany((t) =>
        {
            var (name, attributeCount, shape, prefixKind) = t;
            var qualified = prefixKind switch { 1 => "s:" + name, 2 => "u:" + name, _ => name };
            var attributes = Gen.Select(clean ? Gen.OneOfConst("id", "lat", "xmlns:s", "s:mustUnderstand", "xmlns:u")
                        : Gen.OneOfConst("id", "lat", "xmlns:s", "xmlns", "s:mustUnderstand", "xml:lang", "xml:space", "xmlns:u", "id"),
                    clean ? CleanAttributeValues : AttributeValues, Gen.Bool)
                .Select(a => clean && a.Item1.StartsWith("xmlns", StringComparison.Ordinal) ? a with { Item2 = "urn:x" } : a)
                .Select(a => $" {a.Item1}={(a.Item3 ? '"' : '\'')}{(a.Item3 ? a.Item2.Replace("\"", "&quot;", StringComparison.Ordinal) : a.Item2.Replace("'", "&apos;", StringComparison.Ordinal))}{(a.Item3 ? '"' : '\'')}")
                .Array[clean ? Math.Min(1, attributeCount) : attributeCount].Select(string.Concat);
            var texts = clean ? CleanTexts : Texts;
            var children = depth >= 3
                ? texts.Array[0, 2].Select(string.Concat)
                : Gen.OneOf(texts, Element(depth + 1, clean),
                        clean ? Gen.OneOfConst("<!-- note -->", "   ", "\r\n  ") : Gen.OneOfConst("<!-- note -->", "<!--x--y-->", "<![CDATA[raw <b>]]>", "<?pi x?>", "   ", "\r\n  "))
                    .Array[0, 4].Select(string.Concat);
            return Gen.Select(attributes, children).Select(ac => shape == 0
                ? $"<{qualified}{ac.Item1}/>"
                : shape == 1 ? $"<{qualified}{ac.Item1} />" : $"<{qualified}{ac.Item1}>{ac.Item2}</{qualified}{(shape == 2 ? " " : "")}>");
        });

    private static readonly Gen<string> Documents = Gen.OneOf(
        Gen.Select(
                Gen.OneOfConst("", "", "<?xml version=\"1.0\"?>", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n",
                    "<?xml version='1.0' encoding='utf-8' standalone='yes'?>", "<?xml version=\"1.1\"?>", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>",
                    "\uFEFF", " <?xml version=\"1.0\"?>", "<!DOCTYPE r>", "<!-- lead -->\n"),
                Element(0),
                Gen.OneOfConst("", "", "\n", "<!-- tail -->", "<second/>", "text", "<?pi?>"))
            .Select(t => t.Item1 + t.Item2 + t.Item3),
        Gen.Select(
                Gen.OneOfConst("", "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n", "\uFEFF<?xml version='1.0'?>", "<!-- lead -->"),
                Element(0, clean: true),
                Gen.OneOfConst("", "\r\n", "<!-- tail -->"))
            .Select(t => t.Item1 + "<s:Envelope xmlns:s=\"urn:s\" xmlns:u=\"urn:u\">" + t.Item2 + "</s:Envelope>" + t.Item3));

    [Fact]
    public void Decode_GeneratedDocuments_SameAsXmlReader()
    {
        var accepted = 0;
        var total = 0;
        Documents.Sample(xml =>
        {
            total++;
            accepted += AssertSameAsXmlReader(Encoding.UTF8.GetBytes(xml)) ? 1 : 0;
        }, iter: 20_000);

        // Not a vacuous comparison: a good share of the documents take the subset reader.
        Assert.True(accepted > total / 4, $"subset reader took {accepted} of {total}");
    }

    [Fact]
    public void Decode_CutAndDamagedDocuments_SameAsXmlReader()
    {
        Gen.Select(Documents, Gen.Int[0, 1000], Gen.Int[0, 3], Gen.Byte).Sample(t =>
        {
            var (xml, at, damage, value) = t;
            var bytes = Encoding.UTF8.GetBytes(xml);
            if (bytes.Length == 0)
            {
                return;
            }

            var k = at % bytes.Length;
            bytes = damage switch
            {
                0 => bytes[..k],
                1 => [.. bytes[..k], value, .. bytes[k..]],
                2 => [.. bytes[..k], (byte)"<>&/\"'=:"[value % 8], .. bytes[(k + 1)..]],
                _ => [.. bytes[..k], .. bytes[Math.Min(bytes.Length, k + 1 + value % 8)..]],
            };
            AssertSameAsXmlReader(bytes);
        }, iter: 20_000);
    }

    [Fact]
    public void Decode_SoapEnvelope_TakesTheSubsetReaderWithTheSameNodes()
    {
        const string soap = """
            <?xml version="1.0" encoding="utf-8"?>
            <soap:Envelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
              <soap:Body>
                <GetDeviceSettingsResponse xmlns="http://purenetworks.com/HNAP1/">
                  <GetDeviceSettingsResult>OK</GetDeviceSettingsResult>
                  <DeviceName>D-Link &amp; Co</DeviceName>
                  <MAC attr="1">3C:22:FB:12:34:56</MAC>
                  <Position lat="39.9042" lng="116.4074"/>
                </GetDeviceSettingsResponse>
              </soap:Body>
            </soap:Envelope>
            """;
        Assert.True(AssertSameAsXmlReader(Encoding.UTF8.GetBytes(soap.Replace("\n", "\r\n", StringComparison.Ordinal))));
        Assert.True(AssertSameAsXmlReader(Encoding.UTF8.GetBytes(soap)));
    }

    [Theory]
    [InlineData("<r><![CDATA[x]]></r>")]
    [InlineData("<!DOCTYPE r><r/>")]
    [InlineData("<r>&#65;</r>")]
    [InlineData("<r xml:space=\"preserve\"> </r>")]
    [InlineData("<p:r/>")]
    [InlineData("<r a=\"1\" a=\"2\"/>")]
    [InlineData("<r/><r/>")]
    [InlineData("<r>")]
    public void TryRead_OutsideTheSubsetOrMalformed_Refused(string xml)
    {
        var names = new XmlNames();
        Assert.False(SimpleXmlReader.TryRead(Encoding.UTF8.GetBytes(xml), names.Settings.NameTable!, names.NameBuffer, []));
        AssertSameAsXmlReader(Encoding.UTF8.GetBytes(xml));
    }

    // Decodes with and without the subset reader and compares everything the decoding leaves behind; true when the
    // subset reader took the document.
    private static bool AssertSameAsXmlReader(byte[] xml)
    {
        var (subsetResult, subsetTree) = Decode(xml, subset: true);
        var (readerResult, readerTree) = Decode(xml, subset: false);
        var text = Encoding.UTF8.GetString(xml);
        Assert.True(readerResult == subsetResult, $"result differs for: {text}");
        Assert.True(Describe(readerTree).SequenceEqual(Describe(subsetTree)),
            $"nodes differ for: {text}\nXmlReader:\n{string.Join('\n', Describe(readerTree))}\nsubset:\n{string.Join('\n', Describe(subsetTree))}");
        Assert.Equal(readerTree.Anomalies.OrderBy(a => a.Key), subsetTree.Anomalies.OrderBy(a => a.Key));
        Assert.Equal(readerTree.Budget.DecodedBytes, subsetTree.Budget.DecodedBytes);
        var names = new XmlNames();
        return SimpleXmlReader.TryRead(xml, names.Settings.NameTable!, names.NameBuffer, []);
    }

    private static (bool Result, DecodedTree Tree) Decode(byte[] xml, bool subset)
    {
        var tree = new DecodedTree(DecoderLimits.Default);
        var content = new ContentDecoder(tree);
        var body = tree.Add(-1, NodeKind.Source, "body:", FieldKey.None, "");
        var result = XmlDecoder.TryDecode(content, body, xml, "", null, "xml", allowPartial: false, subset);
        tree.Close(body);
        return (result, tree);
    }

    private static IEnumerable<string> Describe(DecodedTree tree) =>
        tree.Nodes.Select(n => $"{tree.PathOf(n.Index)} {n.Kind} {n.Key} [{n.Encoding}] end={n.End} = {n.Text}");
}
