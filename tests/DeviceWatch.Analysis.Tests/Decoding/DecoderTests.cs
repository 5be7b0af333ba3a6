using System.Formats.Cbor;
using System.IO.Compression;
using System.Text;
using DeviceWatch.Analysis.Decoding;
using DeviceWatch.Analysis.Tests.Corpus;
using DeviceWatch.Analysis.Tests.Observations;
using DeviceWatch.Core.Analysis;

namespace DeviceWatch.Analysis.Tests.Decoding;

public sealed class DecoderTests
{
    private static DecodedTree Decode(Payload p, DecoderLimits? limits = null) => PayloadDecoder.Decode(p, limits ?? DecoderLimits.Default);

    private static Dictionary<string, string?> Leaves(DecodedTree tree) =>
        tree.Nodes.Where(n => n.IsScalar && !n.HasChildren).GroupBy(n => tree.PathOf(n.Index)).ToDictionary(g => g.Key, g => g.First().Text);

    [Fact]
    public void Json_NumbersKeepOriginalText_PathsAreJsonPaths()
    {
        var tree = Decode(TestPayloads.Http("{\"data\":{\"loc\":[{\"lat\":39.900000,\"n\":1e3}]},\"ok\":true}"));
        var leaves = Leaves(tree);
        Assert.Equal("39.900000", leaves["body:$.data.loc[0].lat"]);
        Assert.Equal("1e3", leaves["body:$.data.loc[0].n"]);
        Assert.Equal("true", leaves["body:$.ok"]);
        Assert.Equal("json", tree.Nodes.First(n => n.Key == "lat").Encoding);
    }

    [Fact]
    public void Url_PathSegmentsAndQuery_Decoded()
    {
        var leaves = Leaves(Decode(TestPayloads.Http("", null, "http://h.example/dev/abc%20d/up?imei=35&x=a+b")));
        Assert.Equal("dev", leaves["url:/0"]);
        Assert.Equal("abc d", leaves["url:/1"]);
        Assert.Equal("35", leaves["url:?imei"]);
        Assert.Equal("a b", leaves["url:?x"]);
    }

    [Theory]
    [InlineData("/r?u=http://h.example/x")]
    [InlineData("/a://b/c?u=http://h.example/x")]
    public void Url_OriginFormWithSchemeInside_KeptWhole(string url)
    {
        // An origin-form target (it starts with '/') is never read as absolute-form, wherever a "://" appears in it.
        var leaves = Leaves(Decode(TestPayloads.Http("", null, url)));
        Assert.Equal("http://h.example/x", leaves["url:?u"]);
    }

    [Fact]
    public void Form_Body_Decoded()
    {
        var leaves = Leaves(Decode(TestPayloads.Http("a=1&b=%E5%BC%A0", "application/x-www-form-urlencoded")));
        Assert.Equal("1", leaves["body:a"]);
        Assert.Equal("张", leaves["body:b"]);
    }

    [Fact]
    public void Xml_DtdProhibited_NoEntityExpansion()
    {
        const string xml = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><r>&b;</r>";
        var tree = Decode(TestPayloads.Http(xml, "application/xml"));
        Assert.DoesNotContain(tree.Nodes, n => n.Text?.Contains("aaaaaaaaaa", StringComparison.Ordinal) == true && n.Encoding.Contains("xml", StringComparison.Ordinal));
    }

    [Fact]
    public void Xml_ElementsAndAttributes_Decoded()
    {
        var leaves = Leaves(Decode(TestPayloads.Http("<r><pos t=\"1\"><lat>39.9</lat></pos></r>", "text/xml")));
        Assert.Equal("39.9", leaves["body:/r/pos/lat"]);
        Assert.Equal("1", leaves["body:/r/pos/@t"]);
    }

    [Fact]
    public void Protobuf_NestedAndFixed_Decoded()
    {
        var pb = new ProtobufWriter().Varint(1, 300).Message(3, new ProtobufWriter().Double(1, 39.904211).Float(2, 1.5f).String(3, "hi there")).ToArray();
        var leaves = Leaves(Decode(TestPayloads.HttpBytes(pb, "application/x-protobuf")));
        Assert.Equal("300", leaves["body:#1"]);
        Assert.Equal("39.904211", leaves["body:#3.1"]);
        Assert.Equal("1.5", leaves["body:#3.2"]);
        Assert.Equal("hi there", leaves["body:#3.3"]);
    }

    [Fact]
    public void MessagePack_Map_Decoded()
    {
        // {"lat": 39.5, "id": "abc", "n": 5}
        byte[] mp = [0x83, 0xa3, (byte)'l', (byte)'a', (byte)'t', 0xcb, 0x40, 0x43, 0xc0, 0, 0, 0, 0, 0, 0xa2, (byte)'i', (byte)'d', 0xa3, (byte)'a', (byte)'b', (byte)'c', 0xa1, (byte)'n', 0x05];
        var leaves = Leaves(Decode(TestPayloads.HttpBytes(mp, "application/msgpack")));
        Assert.Equal("39.5", leaves["body:$.lat"]);
        Assert.Equal("abc", leaves["body:$.id"]);
        Assert.Equal("5", leaves["body:$.n"]);
    }

    [Fact]
    public void Cbor_Sniffed_Decoded()
    {
        var w = new CborWriter();
        w.WriteStartMap(2);
        w.WriteTextString("hr");
        w.WriteInt32(72);
        w.WriteTextString("tags");
        w.WriteStartArray(1);
        w.WriteTextString("x");
        w.WriteEndArray();
        w.WriteEndMap();
        var leaves = Leaves(Decode(TestPayloads.HttpBytes(w.Encode(), null)));
        Assert.Equal("72", leaves["body:$.hr"]);
        Assert.Equal("x", leaves["body:$.tags[0]"]);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    [InlineData("zstd")]
    [InlineData("brotli")]
    public void Compressed_Bodies_Inflated(string format)
    {
        var json = Encoding.UTF8.GetBytes("{\"imei\":\"356938035643809\"}");
        byte[] packed;
        using (var ms = new MemoryStream())
        {
            using (Stream s = format switch
                   {
                       "gzip" => new GZipStream(ms, CompressionLevel.Fastest, true),
                       "deflate" => new ZLibStream(ms, CompressionLevel.Fastest, true),
                       "brotli" => new BrotliStream(ms, CompressionLevel.Fastest, true),
                       _ => new ZstdSharp.CompressionStream(ms, 3, leaveOpen: true),
                   })
            {
                s.Write(json);
            }

            packed = ms.ToArray();
        }

        var tree = Decode(TestPayloads.HttpBytes(packed, format == "brotli" ? "application/x-brotli" : "application/octet-stream"));
        var imei = tree.Nodes.Single(n => n.Key == "imei");
        Assert.Equal(format + ">json", imei.Encoding);
    }

    [Fact]
    public void Zlib_SmallWindowHeader_StillInflated()
    {
        // CINFO 2 (1 KiB window), as small-memory firmware may write: the header is rewritten with its checksum.
        var json = Encoding.UTF8.GetBytes("{\"imei\":\"356938035643809\"}");
        byte[] packed;
        using (var ms = new MemoryStream())
        {
            using (var z = new ZLibStream(ms, CompressionLevel.Fastest, true))
            {
                z.Write(json);
            }

            packed = ms.ToArray();
        }

        packed[0] = 0x28;
        packed[1] = (byte)(packed[1] & 0xe0);
        packed[1] += (byte)(31 - ((packed[0] << 8) | packed[1]) % 31);
        Assert.Equal("deflate", CompressionSniffer.DetectMagic(packed));
        var tree = Decode(TestPayloads.HttpBytes(packed, "application/octet-stream"));
        Assert.Equal("deflate>json", tree.Nodes.Single(n => n.Key == "imei").Encoding);
    }

    [Fact]
    public void Protobuf_StartingLikeSmallWindowZlib_DecodedAsProtobufWithoutAnomaly()
    {
        // Field 1 varint then field 2 string: 0x08 0x1d passes the zlib header checksum ((0x08 << 8 | 0x1d) % 31 == 0).
        var message = new byte[] { 0x08, 0x1d, 0x12, 0x0f }.Concat(Encoding.ASCII.GetBytes("356938035643809")).ToArray();
        Assert.Equal(0, ((message[0] << 8) | message[1]) % 31);
        Assert.Null(CompressionSniffer.DetectMagic(message));
        var tree = Decode(TestPayloads.HttpBytes(message, "application/x-protobuf"));
        Assert.Equal(0, tree.AnomalyTotal);
        Assert.Equal("356938035643809", tree.Nodes.Single(n => n.FieldNumber == 2).Text);
    }

    [Theory]
    [InlineData(new byte[] { 0x78, 0x9c, 0x07, 0x00, 0x00, 0x00 })] // block type 3 (reserved)
    [InlineData(new byte[] { 0x78, 0x9c, 0x00, 0x05, 0x00, 0x00, 0x00 })] // stored block, NLEN not the complement of LEN
    [InlineData(new byte[] { 0x78, 0x9c, 0xf5, 0x1f, 0x00, 0x00 })] // dynamic block, 288 literal/length codes
    public void Zlib_ImpossibleFirstBlock_NotSniffedAsCompressed(byte[] data)
    {
        Assert.Null(CompressionSniffer.DetectMagic(data));
    }

    [Fact]
    public void HexInJson_Decoded()
    {
        var hex = Convert.ToHexStringLower(Encoding.UTF8.GetBytes("{\"phone\":\"13800138000\"}"));
        var tree = Decode(TestPayloads.Http($"{{\"p\":\"{hex}\"}}"));
        Assert.Equal("json>hex>json", tree.Nodes.Single(n => n.Key == "phone").Encoding);
    }

    [Fact]
    public void Jwt_PayloadDecoded()
    {
        var body = Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"mobile\":\"13800138000\"}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var tree = Decode(TestPayloads.Http("", null, "/", new KeyValuePair<string, string>("Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9." + body + ".sig")));
        Assert.Contains(tree.Nodes, n => n.Key == "mobile" && n.Encoding == "jwt>json");
    }

    [Fact]
    public void RandomBase64_NotExpanded()
    {
        var bytes = new byte[48];
        new Random(3).NextBytes(bytes);
        bytes[0] = 0x07; // group tag wire type: never valid protobuf
        var tree = Decode(TestPayloads.Http($"{{\"sig\":\"{Convert.ToBase64String(bytes)}\"}}"));
        Assert.False(tree.Nodes.Single(n => n.Key == "sig").HasChildren);
    }

    [Fact]
    public void TruncatedJson_PartialLeavesKept()
    {
        var p = TestPayloads.Http("{\"a\":{\"lat\":39.9,\"lng\":116.4},\"b\":\"trunc") with { BodyTruncated = true };
        var leaves = Leaves(Decode(p));
        Assert.Equal("116.4", leaves["body:$.a.lng"]);
    }

    [Fact]
    public void GzipBomb_StopsAtDecodedByteLimit()
    {
        var zeros = new byte[8 * 1024 * 1024];
        var bomb = TestValues.Gzip(zeros);
        var limits = new DecoderLimits { MaxDecodedBytes = 64 * 1024 };
        var tree = Decode(TestPayloads.HttpBytes(bomb, "application/octet-stream"), limits);
        Assert.True(tree.Budget.DecodedBytes <= limits.MaxDecodedBytes);
        Assert.True(tree.Budget.Exhausted);
    }

    [Fact]
    public void DeepNesting_StopsAtDepthLimit()
    {
        var json = new string('[', 5000) + new string(']', 5000);
        var tree = Decode(TestPayloads.Http(json));
        Assert.True(tree.Nodes.Max(n => n.Depth) <= DecoderLimits.Default.MaxDepth);
    }

    [Fact]
    public void ManyLeaves_StopsAtNodeLimit()
    {
        var json = "[" + string.Join(",", Enumerable.Range(0, 50_000)) + "]";
        var limits = new DecoderLimits { MaxNodes = 1000 };
        var tree = Decode(TestPayloads.Http(json), limits);
        Assert.True(tree.Count <= 1000);
        Assert.True(tree.Budget.Exhausted);
    }

    [Fact]
    public void TimeBudget_Exceeded_DecodingStopsAndIsFlagged()
    {
        var json = "[" + string.Join(",", Enumerable.Range(0, 200_000).Select(i => "\"s" + i + "\"")) + "]";
        var limits = new DecoderLimits { TimeBudget = TimeSpan.Zero, MaxNodes = 1_000_000 };
        var tree = Decode(TestPayloads.Http(json), limits);
        Assert.True(tree.Budget.TimedOut);
        Assert.True(tree.Count < 200_000);
    }

    [Fact]
    public void Topic_LevelsKeyedByPreviousLevel()
    {
        var tree = Decode(TestPayloads.Mqtt("devices/imei/356938035643809", []));
        var node = tree.Nodes.Single(n => n.Text == "356938035643809");
        Assert.Equal("imei", node.Key);
        Assert.Equal("topic:/2", tree.PathOf(node.Index));
    }
}
