using System.Security.Cryptography;
using System.Text;
using DeviceWatch.Analysis.Observations;
using DeviceWatch.Analysis.Tests.Corpus;
using DeviceWatch.Analysis.Tests.Decoding;
using DeviceWatch.Core.Analysis;

namespace DeviceWatch.Analysis.Tests.Observations;

public sealed class PayloadInspectorTests
{
    private static readonly PayloadInspector Inspector = new();

    private static DeviceInspectionContext Context(params (string Type, string Value)[] known) =>
        new("kids-watch-01", known.GroupBy(k => k.Type).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(k => k.Value).ToList()),
            host => host.EndsWith("gps.example", StringComparison.Ordinal) ? "first" : "third");

    [Fact]
    public void Inspect_JsonLocation_ObservationHasContractFields()
    {
        var obs = Inspector.Inspect(TestPayloads.Http("{\"data\":{\"loc\":[{\"lat\":39.90421,\"lng\":116.40739}]}}"), Context());
        var o = Assert.Single(obs);
        Assert.Equal(DataTypes.LocationGps, o.DataType);
        Assert.Equal("body:$.data.loc[0].lat", o.Field);
        Assert.Equal("json", o.Encoding);
        Assert.Equal(1.1, o.PrecisionM!.Value, 1);
        Assert.Equal("39.90421,116.40739", o.Value);
        Assert.Equal("first", o.Party);
        Assert.Equal("kids-watch-01", o.Device);
        Assert.Equal("C1", o.Uid);
        Assert.Equal(Transports.Cleartext, o.Transport);
    }

    [Fact]
    public void Inspect_Base64GzipJson_RecordsChain()
    {
        var inner = Convert.ToBase64String(TestValues.Gzip(Encoding.UTF8.GetBytes("{\"imei\":\"356938035643809\"}")));
        var o = Assert.Single(Inspector.Inspect(TestPayloads.Http($"{{\"d\":\"{inner}\"}}"), Context()));
        Assert.Equal(DataTypes.IdImei, o.DataType);
        Assert.Equal("json>base64>gzip>json", o.Encoding);
        Assert.Equal("body:$.d.imei", o.Field);
    }

    [Fact]
    public void Inspect_SameTypeSameFieldTwice_Deduplicated()
    {
        var obs = Inspector.Inspect(TestPayloads.Http("{\"imei\":\"356938035643809\"}"), Context((DataTypes.IdImei, "356938035643809")));
        Assert.Single(obs, o => o.DataType == DataTypes.IdImei && o.Field == "body:$.imei");
    }

    // Two known IMEIs inside one binary field are two raw-body findings of one type and field ("body"): one observation,
    // the first value. With 17 e-mail fields before them the check runs on the set kept past 16 observations.
    [Theory]
    [InlineData(0)]
    [InlineData(17)]
    public void Inspect_RawHitsOfOneTypeInTheBody_OneObservation(int emails)
    {
        var blob = new byte[] { 0, 0xFF, 0xFE }.Concat(Encoding.ASCII.GetBytes("356938035643809")).Concat(new byte[] { 0, 0xFF })
            .Concat(Encoding.ASCII.GetBytes("490154203237518")).Concat(new byte[] { 0xFE }).ToArray();
        var body = new ProtobufWriter();
        for (var i = 1; i <= emails; i++)
        {
            body.String(i, $"user{i}@example.com");
        }

        body.Bytes(emails + 1, blob);
        var obs = Inspector.Inspect(TestPayloads.HttpBytes(body.ToArray(), "application/x-protobuf"),
            Context((DataTypes.IdImei, "356938035643809"), (DataTypes.IdImei, "490154203237518")));
        Assert.Equal(emails + 1, obs.Count);
        Assert.Equal(emails, obs.Count(o => o.DataType == DataTypes.ContactEmail));
        var imei = Assert.Single(obs, o => o.DataType == DataTypes.IdImei);
        Assert.Equal(("body", "356938035643809"), (imei.Field, imei.Value));
    }

    [Theory]
    [InlineData("md5", "lower")]
    [InlineData("sha1", "plain")]
    [InlineData("sha256", "upper")]
    public void Inspect_HashedKnownMac_NamesHashAndForm(string algorithm, string form)
    {
        const string mac = "3C:22:FB:12:34:56";
        var text = form switch { "lower" => mac.ToLowerInvariant(), "upper" => mac.ToUpperInvariant(), _ => mac };
        var bytes = Encoding.UTF8.GetBytes(text);
        var hash = algorithm switch
        {
            "md5" => MD5.HashData(bytes),
            "sha1" => SHA1.HashData(bytes),
            _ => SHA256.HashData(bytes),
        };
        var hex = Convert.ToHexStringLower(hash);
        var obs = Inspector.Inspect(TestPayloads.Http($"{{\"did\":\"{hex}\"}}"), Context((DataTypes.IdMac, mac)));
        var o = Assert.Single(obs);
        Assert.Equal(DataTypes.IdMac, o.DataType);
        // "plain" equals "upper" for an upper-case MAC: the first form wins.
        var expectedForm = form == "upper" ? "plain" : form;
        Assert.Equal($"json>{algorithm}({expectedForm})", o.Encoding);
    }

    [Fact]
    public void Inspect_KnownValueWhereADetectorFoundIt_OneObservationThere_AndStillFoundInOtherFields()
    {
        // The detector reports the IMEI under "imei"; the known value is found there too (dropped as the same type and
        // field) and inside the other two texts, each its own observation.
        const string imei = "356938035643809";
        var body = $"{{\"imei\":\"{imei}\",\"note\":\"dev {imei} ok\",\"tag\":\"x{imei}\"}}";
        var obs = Inspector.Inspect(TestPayloads.Http(body), Context((DataTypes.IdImei, imei)));
        Assert.Equal(["body:$.imei", "body:$.note", "body:$.tag"], obs.Where(o => o.DataType == DataTypes.IdImei).Select(o => o.Field));
        Assert.Equal("json", Assert.Single(obs, o => o.Field == "body:$.imei").Encoding);
    }

    [Fact]
    public void Inspect_KnownMacWithoutSeparatorsInQuery_Found()
    {
        var obs = Inspector.Inspect(TestPayloads.Http("", null, "/r?d=3c22fb123456&x=1"), Context((DataTypes.IdMac, "3C:22:FB:12:34:56")));
        var o = Assert.Single(obs, o => o.Encoding.Contains("nosep", StringComparison.Ordinal));
        Assert.Equal("url:?d", o.Field);
        Assert.Equal("nosep(lower)", o.Encoding);
    }

    [Fact]
    public void Inspect_KnownValueBase64InBinaryBody_FoundAsRawBody()
    {
        var body = new byte[] { 0x00, 0xff, 0x10 }.Concat(Encoding.ASCII.GetBytes(Convert.ToBase64String(Encoding.UTF8.GetBytes("SN-ABC12345")))).Concat(new byte[] { 0xfe }).ToArray();
        var obs = Inspector.Inspect(TestPayloads.HttpBytes(body, "application/octet-stream"), Context((DataTypes.IdSerial, "SN-ABC12345")));
        var o = Assert.Single(obs);
        Assert.Equal("body", o.Field);
        Assert.Equal("base64", o.Encoding);
    }

    [Fact]
    public void Inspect_KnownValueInLargeBinaryBody_FoundOnceWherever()
    {
        // Large binary bodies are searched with SearchValues in overlapping chunks: a value across a chunk
        // boundary, at the very end, or repeated is reported once.
        const string mac = "3C:22:FB:12:34:56";
        foreach (var at in new[] { 0, 4090, 4096 - 8, 9000, 12_000 - mac.Length })
        {
            var body = new byte[12_000];
            new Random(at).NextBytes(body);
            body[0] = 0x00;
            Encoding.ASCII.GetBytes(mac).CopyTo(body, at);
            Encoding.ASCII.GetBytes(mac).CopyTo(body, 100);
            var obs = Inspector.Inspect(TestPayloads.HttpBytes(body, "application/octet-stream"), Context((DataTypes.IdMac, mac)));
            var o = Assert.Single(obs, o => o.DataType == DataTypes.IdMac);
            Assert.Equal("body", o.Field);
        }
    }

    [Fact]
    public void Inspect_KnownValueDigestInsideLongHexText_Found()
    {
        // Hex text is where SearchValues is slowest with digest needles; the prefix scanner must still find them.
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("356938035643809")));
        var text = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(300)) + digest + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(40));
        var obs = Inspector.Inspect(TestPayloads.Http("", null, "/r?sig=" + text), Context((DataTypes.IdImei, "356938035643809")));
        var o = Assert.Single(obs, o => o.DataType == DataTypes.IdImei);
        Assert.Equal("url:?sig", o.Field);
        Assert.Equal("sha256(plain)", o.Encoding);
    }

    [Fact]
    public void Inspect_HexTokenDecodingToBracedBytes_NoExceptionAndNoNodes()
    {
        // A token whose bytes start with '{' but are not text is not handed to the JSON reader (which would throw
        // on every payload); it stays an opaque string leaf.
        var bytes = new byte[] { (byte)'{', 0x01, 0xff, 0x80, 0x02, 0x7d, 0x00, 0x9c, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, (byte)'}' };
        var payload = TestPayloads.Http("", null, "/r?t=" + Convert.ToHexStringLower(bytes));
        Assert.Equal(0, ThrownExceptions.On(() => Assert.Empty(Inspector.Inspect(payload, Context()))));
        var tree = DeviceWatch.Analysis.Decoding.PayloadDecoder.Decode(payload, DeviceWatch.Analysis.Decoding.DecoderLimits.Default);
        Assert.DoesNotContain(tree.Nodes, n => n.Encoding.Contains("json", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{\"a\":[12,3456]}", "12,3456", "body")] // across two numbers: only the raw search sees it
    [InlineData("{\"3C:22:FB:12:34:56\":1}", "3C:22:FB:12:34:56", "body")] // a member name
    [InlineData("{\"m\":\"3C:22:FB:12:34:56\"}", "3C:22:FB:12:34:56", "body:$.m")] // a leaf
    [InlineData("{\"k\": \"ab\", \"l\": \"cd\"}", "ab\", \"l", "body")] // across quotes and whitespace
    public void Inspect_KnownValueInCleanJson_FoundWhereverItIs(string json, string value, string field)
    {
        var obs = Inspector.Inspect(TestPayloads.Http(json), Context(("id.serial", value)));
        Assert.Equal(field, Assert.Single(obs, o => o.DataType == "id.serial").Field);
    }

    [Theory]
    [InlineData("""
        {"a":{"x":1,"y":[1,2,3],"z":{"q":"w"}},
         "b":[{"n":1},{"cell":{"lac":1234,"cid":5678,"mcc":460}}],
         "c":{"k":[{"v":0}],"vitals":[{"hr":72}]},
         "d":{"e":{"aps":[{"bssid":"3c:22:fb:11:22:33","rssi":-50},{"bssid":"3c:22:fb:11:22:44","rssi":-60}]}},
         "f":{"bp":{"systolic":120,"diastolic":80}}}
        """)]
    [InlineData("""
        {"a":{"x":1},"cell":{"lac":1234,"cid":5678,"mcc":460},"b":{"x":2},"hr":72,
         "c":{"x":3},"aps":[{"bssid":"3c:22:fb:11:22:33","rssi":-50},{"bssid":"3c:22:fb:11:22:44","rssi":-60}],
         "e":{"x":4},"bp":{"systolic":120,"diastolic":80}}
        """)]
    public void Inspect_FindingsAfterAndInsideSubtreesDetectorsPassOver_AllFound(string json)
    {
        // Cell, health and Wi-Fi detectors pass over subtrees without their names: what comes right after such a
        // subtree (and deep inside other ones) must still be seen.
        var types = Inspector.Inspect(TestPayloads.Http(json), Context()).Select(o => o.DataType).ToHashSet();
        Assert.Contains(DataTypes.LocationCell, types);
        Assert.Contains(DataTypes.HealthHeartRate, types);
        Assert.Contains(DataTypes.LocationWifi, types);
        Assert.Contains(DataTypes.HealthBloodPressure, types);
    }

    [Fact]
    public void Inspect_UrlEncodedKnownValueInUrl_Found()
    {
        var obs = Inspector.Inspect(TestPayloads.Http("", null, "/r?n=" + Uri.EscapeDataString("张三 family")), Context(("contact.name", "张三 family")));
        Assert.Contains(obs, o => o.DataType == "contact.name");
    }

    [Fact]
    public void Inspect_Response_Ignored()
    {
        var payload = TestPayloads.Http("{\"imei\":\"356938035643809\"}") with { Kind = PayloadKind.HttpResponse, FromDevice = false };
        Assert.Empty(Inspector.Inspect(payload, Context()));
    }

    [Fact]
    public void Inspect_MqttTopicAndPayload_TransportKept()
    {
        var obs = Inspector.Inspect(TestPayloads.Mqtt("dev/356938035643809/up", "{\"hr\":72}"u8.ToArray()), Context());
        Assert.Contains(obs, o => o.DataType == DataTypes.IdImei && o.Field == "topic:/1");
        Assert.Contains(obs, o => o.DataType == DataTypes.HealthHeartRate && o.Field == "body:$.hr");
        Assert.All(obs, o => Assert.Equal(Transports.TlsIntercepted, o.Transport));
    }

    [Fact]
    public void Inspect_HeadersAndCookies_Decoded()
    {
        var obs = Inspector.Inspect(TestPayloads.Http("", null, "/", new KeyValuePair<string, string>("Cookie", "sid=abc; phone=13800138000"),
            new KeyValuePair<string, string>("X-Imei", "356938035643809"), new KeyValuePair<string, string>("Accept", "13800138000")), Context());
        Assert.Contains(obs, o => o.Field == "cookie:phone" && o.DataType == DataTypes.ContactPhone);
        Assert.Contains(obs, o => o.Field == "header:X-Imei" && o.DataType == DataTypes.IdImei);
        Assert.DoesNotContain(obs, o => o.Field.StartsWith("header:Accept", StringComparison.Ordinal));
    }

    [Fact]
    public void Inspect_MultipartImage_MediaValueDescribed()
    {
        const string boundary = "XyZ";
        var jpeg = TestValues.Jpeg(new Random(1), 1234);
        var body = Encoding.ASCII.GetBytes($"--{boundary}\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"p.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n")
            .Concat(jpeg).Concat(Encoding.ASCII.GetBytes($"\r\n--{boundary}--\r\n")).ToArray();
        var o = Assert.Single(Inspector.Inspect(TestPayloads.HttpBytes(body, "multipart/form-data; boundary=" + boundary), Context()));
        Assert.Equal(DataTypes.MediaImage, o.DataType);
        Assert.Equal("body:photo", o.Field);
        Assert.Equal("<image/jpeg 1234 bytes>", o.Value);
    }

    [Fact]
    public void Inspect_ProtobufNested_PathUsesFieldNumbers()
    {
        var pb = new ProtobufWriter().Varint(1, 7).Message(3, new ProtobufWriter().String(2, "13800138000")).ToArray();
        var o = Assert.Single(Inspector.Inspect(TestPayloads.HttpBytes(pb, "application/x-protobuf"), Context()));
        Assert.Equal("body:#3.2", o.Field);
        Assert.Equal("protobuf", o.Encoding);
    }

    [Fact]
    public void Inspect_LimitsHit_CountedOverBudgetAndTimeApart()
    {
        var inspector = new PayloadInspector(new DeviceWatch.Analysis.Decoding.DecoderLimits { MaxNodes = 100, TimeBudget = TimeSpan.FromHours(1) });
        var many = "{\"phone\":\"13812345678\",\"s\":[" + string.Join(",", Enumerable.Repeat("1", 500)) + "]}";
        var found = inspector.Inspect(TestPayloads.Http(many), Context());
        inspector.Inspect(TestPayloads.Http("{\"seq\":1}"), Context());

        // Over the node limit: counted, not as time; what was decoded before the limit was searched.
        Assert.Equal(DataTypes.ContactPhone, Assert.Single(found).DataType);
        Assert.Equal((2L, 1L, 0L), (inspector.PayloadsInspected, inspector.PayloadsOverBudget, inspector.PayloadsOutOfTime));

        var untimely = new PayloadInspector(new DeviceWatch.Analysis.Decoding.DecoderLimits { MaxNodes = 1_000_000, TimeBudget = TimeSpan.Zero });
        untimely.Inspect(TestPayloads.Http("[" + string.Join(",", Enumerable.Range(0, 20_000).Select(i => "\"s" + i + "\"")) + "]"), Context());
        Assert.Equal((1L, 1L, 1L), (untimely.PayloadsInspected, untimely.PayloadsOverBudget, untimely.PayloadsOutOfTime));
    }
}
