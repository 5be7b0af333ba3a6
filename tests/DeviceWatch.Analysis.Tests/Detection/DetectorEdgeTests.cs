using DeviceWatch.Analysis.Detection;
using DeviceWatch.Analysis.Observations;
using DeviceWatch.Analysis.Tests.Corpus;
using DeviceWatch.Analysis.Tests.Observations;
using DeviceWatch.Core.Analysis;

namespace DeviceWatch.Analysis.Tests.Detection;

public sealed class DetectorEdgeTests
{
    private static IReadOnlyList<Observation> Run(string json) =>
        new PayloadInspector().Inspect(TestPayloads.Http(json), DeviceInspectionContext.Anonymous("d"));

    private static bool Has(string json, string type) => Run(json).Any(o => o.DataType == type);

    [Theory]
    [InlineData("356938035643809", true)]
    [InlineData("356938035643808", false)] // Luhn fails
    [InlineData("35693803564380", false)] // 14 digits
    public void Imei_LuhnEdge(string imei, bool expected) => Assert.Equal(expected, Has($"{{\"imei\":\"{imei}\"}}", DataTypes.IdImei));

    [Theory]
    [InlineData("11010519491231002X", true)]
    [InlineData("110105194912310021", false)] // check digit
    [InlineData("110105194913310028", false)] // month 13
    [InlineData("110105190002290027", false)] // 1900-02-29 does not exist
    [InlineData("99010519491231002X", false)] // region
    public void NationalId_ValidityEdges(string id, bool expected)
    {
        if (expected)
        {
            Assert.True(NationalIdNumber.IsValid(id));
        }

        Assert.Equal(expected, Has($"{{\"sfz\":\"{id}\"}}", DataTypes.IdentityNationalId));
    }

    [Fact]
    public void NationalId_CheckCharacter_MatchesStandardExample() =>
        Assert.Equal('X', NationalIdNumber.CheckCharacter("11010519491231002"));

    [Theory]
    [InlineData("89860117751234567898", true)]
    [InlineData("89860117751234567890", false)]
    public void Iccid_LuhnEdge(string iccid, bool expected)
    {
        Assert.Equal(Luhn.IsValid(iccid), expected);
        Assert.Equal(expected, Has($"{{\"iccid\":\"{iccid}\"}}", DataTypes.IdIccid));
    }

    [Theory]
    [InlineData("460001234567890", true)]
    [InlineData("999001234567890", false)]
    public void Imsi_MccEdge(string imsi, bool expected) => Assert.Equal(expected, Has($"{{\"imsi\":\"{imsi}\"}}", DataTypes.IdImsi));

    [Theory]
    [InlineData("13800138000", true)]
    [InlineData("+86 138 0013 8000", true)]
    [InlineData("12800138000", false)] // no such prefix
    [InlineData("1713800138000", false)] // ms timestamp
    [InlineData("138001380001", false)] // longer run
    [InlineData("13800138000.5", false)]
    public void Phone_Edges(string value, bool expected) => Assert.Equal(expected, Has($"{{\"val\":\"{value}\"}}", DataTypes.ContactPhone));

    [Fact]
    public void Phone_UnderTimestampKey_Rejected() => Assert.False(Has("{\"timestamp\":13800138000}", DataTypes.ContactPhone));

    [Theory]
    [InlineData("a.b@example.com", true)]
    [InlineData("icon@2x.png", false)]
    [InlineData("root@localhost", false)]
    [InlineData("x@-bad.com", false)]
    public void Email_Edges(string value, bool expected) => Assert.Equal(expected, Has($"{{\"val\":\"{value}\"}}", DataTypes.ContactEmail));

    [Theory]
    [InlineData("\"lat\":39.90421,\"lng\":116.40739", true, 1.1)]
    [InlineData("\"lat\":39.904,\"lng\":116.407", true, 111.3)]
    [InlineData("\"lat\":39904210,\"lng\":116407390", true, 0.1113)]
    [InlineData("\"latE7\":399042100,\"lngE7\":1164073900", true, 0.0111)]
    [InlineData("\"纬度\":39.90421,\"经度\":116.40739", true, 1.1)]
    [InlineData("\"lat\":0,\"lng\":0", false, 0)]
    [InlineData("\"lat\":91.5,\"lng\":116.4", false, 0)]
    [InlineData("\"gpsLat\":39.90421,\"lng\":116.40739", false, 0)] // prefixes differ
    public void Gps_Edges(string members, bool expected, double precision)
    {
        var o = Run("{" + members + "}").SingleOrDefault(x => x.DataType == DataTypes.LocationGps);
        Assert.Equal(expected, o is not null);
        if (o is not null)
        {
            Assert.Equal(precision, o.PrecisionM!.Value, 3);
        }
    }

    // Schema-less protobuf: two fixed64 doubles in consecutive fields of one message are a coordinate pair, wherever
    // they sit among the message's other fields; one double alone, or two in fields that are not consecutive, is not.
    [Theory]
    [InlineData("root", "body:#2", 0.0111)]
    [InlineData("nested", "body:#3.1", 0.0111)]
    [InlineData("nested-only-doubles", "body:#3.1", 0.0111)]
    [InlineData("single", null, 0)]
    [InlineData("gap", null, 0)]
    [InlineData("split", null, 0)]
    public void Gps_ProtobufWireDoubles(string shape, string? field, double precision)
    {
        var pair = new ProtobufWriter().Double(1, 39.9042107).Double(2, 116.4073901);
        var body = shape switch
        {
            "root" => new ProtobufWriter().Varint(1, 7).Double(2, 39.9042107).Double(3, 116.4073901).Float(4, 2.5f).Float(4, 3.5f),
            "nested" => new ProtobufWriter().Varint(1, 7).Float(2, 1.5f).Message(3, pair.Float(3, 12.5f)).Float(6, 2.5f),
            "nested-only-doubles" => new ProtobufWriter().Message(3, pair),
            "single" => new ProtobufWriter().Varint(1, 7).Double(2, 39.9042107).Float(3, 116.4073901f),
            "gap" => new ProtobufWriter().Double(1, 39.9042107).Double(3, 116.4073901),
            _ => new ProtobufWriter().Message(1, new ProtobufWriter().Double(1, 39.9042107)).Message(2, new ProtobufWriter().Double(2, 116.4073901)),
        };
        var observations = new PayloadInspector().Inspect(TestPayloads.HttpBytes(body.ToArray(), "application/x-protobuf"),
            DeviceInspectionContext.Anonymous("d"));
        var o = observations.SingleOrDefault(x => x.DataType == DataTypes.LocationGps);
        Assert.Equal(field, o?.Field);
        if (o is not null)
        {
            Assert.Equal("39.9042107,116.4073901", o.Value);
            Assert.Equal(precision, o.PrecisionM!.Value, 4);
        }
    }

    [Fact]
    public void Gps_HalvesInDifferentObjects_Rejected() => Assert.False(Has("{\"a\":{\"lat\":39.9042},\"b\":{\"lng\":116.4074}}", DataTypes.LocationGps));

    [Theory]
    [InlineData("3c:22:fb:12:34:56", true)]
    [InlineData("01:00:5e:00:00:fb", false)] // multicast
    [InlineData("00:00:00:00:00:00", false)]
    public void Mac_Edges(string mac, bool expected) => Assert.Equal(expected, Has($"{{\"mac\":\"{mac}\"}}", DataTypes.IdMac));

    [Theory]
    [InlineData("{\"oaid\":\"00000000-0000-0000-0000-000000000000\"}", false)]
    [InlineData("{\"oaid\":\"5f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0\"}", true)]
    [InlineData("{\"requestId\":\"5f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0\"}", false)]
    public void Oaid_Edges(string json, bool expected) => Assert.Equal(expected, Has(json, DataTypes.IdOaid));

    [Theory]
    [InlineData("{\"android_id\":\"9a8b7c6d5e4f3a2b\"}", true)]
    [InlineData("{\"android_id\":\"9a8b7c6d5e4f\"}", false)]
    public void AndroidId_Edges(string json, bool expected) => Assert.Equal(expected, Has(json, DataTypes.IdAndroidId));

    [Theory]
    [InlineData("{\"sn\":\"K7Q2X9A1B3\"}", true)]
    [InlineData("{\"sn\":\"unknown\"}", false)]
    [InlineData("{\"sn\":\"000000\"}", false)]
    public void Serial_Edges(string json, bool expected) => Assert.Equal(expected, Has(json, DataTypes.IdSerial));

    [Theory]
    [InlineData("{\"hr\":29}", false)]
    [InlineData("{\"hr\":30}", true)]
    [InlineData("{\"hr\":220}", true)]
    [InlineData("{\"hr\":221}", false)]
    public void HeartRate_RangeEdges(string json, bool expected) => Assert.Equal(expected, Has(json, DataTypes.HealthHeartRate));

    [Theory]
    [InlineData("{\"spo2\":69}", false)]
    [InlineData("{\"spo2\":70}", true)]
    [InlineData("{\"bodyTemp\":33.9}", false)]
    [InlineData("{\"bodyTemp\":36.6}", true)]
    [InlineData("{\"bp\":\"120/80\"}", true)]
    [InlineData("{\"bp\":\"80/120\"}", false)]
    [InlineData("{\"steps\":100001}", false)]
    public void Health_RangeEdges(string json, bool expected)
    {
        var types = Run(json).Select(o => o.DataType).ToList();
        Assert.Equal(expected, types.Count > 0);
    }

    [Fact]
    public void Cell_MccChina_Detected() =>
        Assert.True(Has("{\"mcc\":460,\"mnc\":0,\"lac\":4565,\"cid\":12345}", DataTypes.LocationCell));

    [Theory]
    [InlineData("{\"mcc\":460,\"mnc\":0,\"lac\":4565,\"cid\":12345}", "460/0/4565/12345")]
    [InlineData("{\"mnc\":11,\"lac\":4565,\"cid\":268435455}", "/11/4565/268435455")]
    [InlineData("{\"mcc\":460,\"tac\":16777215,\"nci\":68719476735}", "460//16777215/68719476735")]
    [InlineData("{\"lac\":1,\"cid\":1}", "//1/1")]
    public void Cell_ValueText_MissingPartsWrittenAsNothing(string json, string expected) =>
        Assert.Equal(expected, Assert.Single(Run(json), o => o.DataType == DataTypes.LocationCell).Value);

    [Fact]
    public void Cell_ZeroCid_Rejected() =>
        Assert.False(Has("{\"mcc\":460,\"mnc\":0,\"lac\":4565,\"cid\":0}", DataTypes.LocationCell));

    [Fact]
    public void AppList_ThreePackages_Detected() =>
        Assert.True(Has("{\"a\":[\"com.tencent.mm\",\"com.sina.weibo\",\"tv.danmaku.bili\"]}", DataTypes.BehaviorAppList));

    [Fact]
    public void AppList_HostNames_Rejected() =>
        Assert.False(Has("{\"a\":[\"www.example.com\",\"api.example.com\",\"cdn.example.com\"]}", DataTypes.BehaviorAppList));

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 0x4A, 0x46, 0x49, 0x46 }, "image/jpeg")]
    [InlineData(new byte[] { 0, 0, 0, 1, 0x67, 0x42, 0, 0x1f, 1, 2, 3, 4, 5, 6, 7, 8 }, "video/h264")]
    [InlineData(new byte[] { 0, 0, 0, 1, 0x60, 0x42, 0, 0x1f, 1, 2, 3, 4, 5, 6, 7, 8 }, null)] // NAL type 0 is not a stream start
    [InlineData(new byte[] { 0x23, 0x21, 0x41, 0x4D, 0x52, 0x0A, 0x3c, 0x00 }, "audio/amr")]
    public void MediaSignature_MagicBytes(byte[] bytes, string? expected) => Assert.Equal(expected, MediaSignature.Sniff(bytes));

    // One sample of every signature Sniff knows, each padded with bytes that start no signature: a first byte left out of
    // its quick rejection table fails its format.
    [Theory]
    [InlineData("FFD8FFE0", "image/jpeg")]
    [InlineData("89504E470D0A1A0A", "image/png")]
    [InlineData("474946383761", "image/gif")]
    [InlineData("474946383961", "image/gif")]
    [InlineData("52494646AAAAAAAA57415645", "audio/wav")]
    [InlineData("52494646AAAAAAAA57454250", "image/webp")]
    [InlineData("52494646AAAAAAAA41564920", "video/x-msvideo")]
    [InlineData("0000002066747970M4A ", "audio/mp4")]
    [InlineData("0000002066747970heic", "image/heic")]
    [InlineData("0000002066747970isom", "video/mp4")]
    [InlineData("7F00002066747970isom", null)] // box size over 512
    [InlineData("4F67675300", "audio/ogg")]
    [InlineData("2321414D522D57420A", "audio/amr-wb")]
    [InlineData("2321414D520A", "audio/amr")]
    [InlineData("664C6143", "audio/flac")]
    [InlineData("49443303", "audio/mpeg")]
    [InlineData("1A45DFA3", "video/webm")]
    [InlineData("FFF15080", "audio/aac")]
    [InlineData("0000000167", "video/h264")]
    [InlineData("00000165", "video/h264")]
    [InlineData("0000000140010C", "video/h265")]
    public void MediaSignature_EverySignature(string head, string? expected)
    {
        // Hex pairs, or (after "66747970") a four-letter brand as text.
        var brandAt = head.IndexOf("66747970", StringComparison.Ordinal);
        var bytes = brandAt >= 0
            ? [.. Convert.FromHexString(head[..(brandAt + 8)]), .. System.Text.Encoding.ASCII.GetBytes(head[(brandAt + 8)..])]
            : Convert.FromHexString(head);
        var body = new byte[64];
        body.AsSpan().Fill(0x55);
        bytes.CopyTo(body, 0);
        if (expected == "audio/aac")
        {
            // One ADTS frame that fills the body: frame length 64.
            body[3] = 0x80;
            body[4] = 64 >> 3;
            body[5] = (64 & 7) << 5;
        }

        Assert.Equal(expected, MediaSignature.Sniff(body));
    }

    [Fact]
    public void Biometric_ShortHashUnderFingerprint_Rejected() =>
        Assert.False(Has($"{{\"fingerprint\":\"{TestValues.Hex(new Random(1), 64)}\"}}", DataTypes.BiometricFingerprint));

    [Fact]
    public void Motion_NineSamples_Rejected()
    {
        var samples = string.Join(",", Enumerable.Repeat("[0.1,0.2,9.8]", 9));
        Assert.False(Has($"{{\"acc\":[{samples}]}}", DataTypes.SensorMotion));
        Assert.True(Has($"{{\"acc\":[{samples},[0.1,0.2,9.8]]}}", DataTypes.SensorMotion));
    }
}
