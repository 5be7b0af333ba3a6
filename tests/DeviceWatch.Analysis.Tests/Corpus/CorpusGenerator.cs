using System.Formats.Cbor;
using System.Globalization;
using System.Text;
using DeviceWatch.Core.Analysis;
using static DeviceWatch.Analysis.Tests.Corpus.TestValues;

namespace DeviceWatch.Analysis.Tests.Corpus;

/// <summary>
/// Writes the labelled corpus: for every detector family, positives in realistic IoT shapes (JSON telemetry,
/// MQTT, form posts, hand-built protobuf, XML, CBOR, base64+gzip nesting, multipart) and tricky negatives.
/// Deterministic for a seed.
/// </summary>
public sealed class CorpusGenerator(int seed, int perFamily)
{
    private readonly Random _r = new(seed);
    private readonly List<LabelledPayload> _items = [];
    private int _n;

    public IReadOnlyList<LabelledPayload> Generate()
    {
        for (var i = 0; i < perFamily; i++)
        {
            Gps();
            Wifi();
            Cell();
            Identifiers();
            Contacts();
            NationalIds();
            Health();
            Media();
            Biometrics();
            Motion();
            AppLists();
            TrickyNegatives();
        }

        return _items;
    }

    private static string Q(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private string Noise() =>
        $"\"ts\":{1_700_000_000_000L + _r.NextInt64(100_000_000_000L)},\"fw\":\"{_r.Next(1, 5)}.{_r.Next(10)}.{_r.Next(30)}\",\"seq\":{_r.Next(100000)},\"msgId\":{Q(Uuid(_r))},\"battery\":{_r.Next(100)}";

    // Wraps JSON members in one of several transports/encodings.
    private void Json(string family, string description, string members, params string[] labels)
    {
        var json = "{" + Noise() + "," + members + "}";
        Payload payload;
        switch (_r.Next(5))
        {
            case 0:
                payload = Mqtt($"dev/{Hex(_r, 8)}/telemetry", Encoding.UTF8.GetBytes(json));
                break;
            case 1:
            {
                var inner = Convert.ToBase64String(Gzip(Encoding.UTF8.GetBytes(json)));
                payload = Http("/api/v2/upload", "application/json", Encoding.UTF8.GetBytes($"{{\"v\":2,\"data\":{Q(inner)}}}"));
                description += " (base64>gzip>json)";
                break;
            }

            case 2:
                payload = Http("/report", "application/json", Encoding.UTF8.GetBytes($"{{\"code\":0,\"payload\":{json}}}"));
                break;
            case 3:
                payload = Http("/report", "application/json", Encoding.UTF8.GetBytes($"{{\"data\":{Q(json)}}}"));
                description += " (json-in-string)";
                break;
            default:
                payload = Http("/api/telemetry", "application/json", Encoding.UTF8.GetBytes(json));
                break;
        }

        Add(family, description, payload, labels);
    }

    private void Add(string family, string description, Payload payload, params string[] labels) =>
        _items.Add(new LabelledPayload(family, description, payload, labels.ToHashSet(StringComparer.Ordinal)));

    private Payload Http(string url, string? contentType, byte[] body, params KeyValuePair<string, string>[] headers) => new()
    {
        Timestamp = new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc).AddSeconds(_n++),
        FlowUid = "C" + _n.ToString(CultureInfo.InvariantCulture),
        DeviceKey = "02:00:5e:10:00:01",
        Destination = "api.example.com",
        Kind = PayloadKind.HttpRequest,
        Method = "POST",
        Url = url,
        ContentType = contentType,
        Headers = headers,
        Body = body,
        BodyLength = body.Length,
    };

    private Payload Mqtt(string topic, byte[] body) => new()
    {
        Timestamp = new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc).AddSeconds(_n++),
        FlowUid = "M" + _n.ToString(CultureInfo.InvariantCulture),
        DeviceKey = "02:00:5e:10:00:01",
        Destination = "mqtt.example.com",
        Kind = PayloadKind.MqttPublish,
        Topic = topic,
        Body = body,
        BodyLength = body.Length,
    };

    private void Gps()
    {
        const string F = "location.gps";
        var d = _r.Next(4, 8);
        var lat = Coord(_r, 18, 53, d);
        var lon = Coord(_r, 73, 135, d);
        string[][] names = [["lat", "lng"], ["latitude", "longitude"], ["weidu", "jingdu"], ["纬度", "经度"], ["gpsLat", "gpsLng"], ["lat", "lon"]];
        var n = names[_r.Next(names.Length)];
        Json(F, "sibling keys", $"\"loc\":{{{Q(n[0])}:{lat},{Q(n[1])}:{lon},\"alt\":{_r.Next(200)}}}", F);
        Json(F, "lat,lon string", $"\"location\":{Q(lat + "," + lon)}", F);
        Json(F, "amap lnglat", $"\"lnglat\":{Q(lon + "," + lat)}", F);
        var e6 = (long)(double.Parse(lat, CultureInfo.InvariantCulture) * 1e6);
        var e6lon = (long)(double.Parse(lon, CultureInfo.InvariantCulture) * 1e6);
        Json(F, "scaled e6", $"\"gps\":{{\"lat\":{e6},\"lng\":{e6lon}}}", F);
        Json(F, "scaled e7", $"\"latitudeE7\":{e6 * 10},\"longitudeE7\":{e6lon * 10}", F);
        Add(F, "query string", Http($"/track?imei_hash={Hex(_r, 8)}&lat={lat}&lng={lon}&spd=3", null, []), F);
        Add(F, "form post", Http("/loc", "application/x-www-form-urlencoded", Encoding.UTF8.GetBytes($"dev={Hex(_r, 6)}&weidu={lat}&jingdu={lon}")), F);
        var pb = new ProtobufWriter().Varint(1, (ulong)_r.Next(1000)).Message(2, new ProtobufWriter()
            .Double(1, double.Parse(Coord(_r, 18, 53, 6), CultureInfo.InvariantCulture))
            .Double(2, double.Parse(Coord(_r, 73, 135, 6), CultureInfo.InvariantCulture)).Float(3, 12.5f)).ToArray();
        Add(F, "protobuf doubles", Mqtt("gps/up", pb), F);
        Add(F, "xml", Http("/xml", "application/xml", Encoding.UTF8.GetBytes($"<report><pos><lat>{lat}</lat><lon>{lon}</lon></pos></report>")), F);
        var cbor = new CborWriter();
        cbor.WriteStartMap(2);
        cbor.WriteTextString("lat");
        cbor.WriteDouble(double.Parse(lat, CultureInfo.InvariantCulture));
        cbor.WriteTextString("lon");
        cbor.WriteDouble(double.Parse(lon, CultureInfo.InvariantCulture));
        cbor.WriteEndMap();
        Add(F, "cbor", Http("/cbor", "application/cbor", cbor.Encode()), F);

        // Negatives.
        Json(F, "zero island", "\"loc\":{\"lat\":0,\"lng\":0}");
        Json(F, "zero island decimals", "\"lat\":0.000000,\"lon\":0.000000");
        Json(F, "out of range", $"\"loc\":{{\"lat\":{_r.Next(91, 180)}.{_r.Next(1000, 9999)},\"lng\":{_r.Next(181, 360)}.{_r.Next(1000, 9999)}}}");
        Json(F, "not siblings", $"\"a\":{{\"lat\":{lat}}},\"b\":{{\"lng\":{lon}}}");
        Json(F, "version pair", $"\"versions\":\"{_r.Next(1, 9)}.{_r.Next(10)},{_r.Next(1, 9)}.{_r.Next(10)}\"");
        Json(F, "env floats", $"\"env\":{{\"temperature\":{Coord(_r, 15, 30, 2)},\"humidity\":{Coord(_r, 30, 80, 2)}}}");
        Add(F, "protobuf env floats", Mqtt("env/up", new ProtobufWriter().Float(1, 23.5f).Float(2, 45.25f).Varint(3, 1).ToArray()));
        Json(F, "lat only", $"\"lat\":{lat}");
    }

    private void Wifi()
    {
        const string F = "location.wifi";
        var aps = string.Join(",", Enumerable.Range(0, _r.Next(2, 6)).Select(_ => $"{{\"bssid\":{Q(Mac(_r))},\"ssid\":{Q("Net-" + Hex(_r, 4))},\"rssi\":{-_r.Next(30, 90)}}}"));
        Json(F, "scan list", $"\"wifis\":[{aps}]", F);
        var aps2 = string.Join(",", Enumerable.Range(0, _r.Next(2, 6)).Select(_ => $"{{\"mac\":{Q(Mac(_r, true))},\"signal\":{-_r.Next(30, 90)}}}"));
        Json(F, "mac+signal list", $"\"wifiList\":[{aps2}]", F);
        var macs = string.Join("|", Enumerable.Range(0, _r.Next(2, 5)).Select(_ => Mac(_r) + "," + -_r.Next(30, 90) + ",ap"));
        Add(F, "amap macs", Http($"/v3/ip?key={Hex(_r, 16)}&macs={Uri.EscapeDataString(macs)}", null, []), F);
        Json(F, "connected ap", $"\"conn\":{{\"bssid\":{Q(Mac(_r))},\"ssid\":\"Home\",\"rssi\":-50}}", F);

        // Negatives.
        Json(F, "ssids only", $"\"nets\":[{{\"ssid\":\"A\",\"rssi\":-40}},{{\"ssid\":\"B\",\"rssi\":-70}}]");
        Json(F, "multicast bssids", "\"wifis\":[{\"bssid\":\"01:00:5e:00:00:01\",\"rssi\":-40},{\"bssid\":\"33:33:00:00:00:01\",\"rssi\":-70}]");
        Json(F, "rssi numbers", $"\"rssi\":[{-_r.Next(30, 90)},{-_r.Next(30, 90)}]");
        Json(F, "device list without signal", $"\"devices\":[{{\"mac\":{Q(Mac(_r))},\"name\":\"tv\"}},{{\"mac\":{Q(Mac(_r))},\"name\":\"pad\"}}]", "id.mac");
    }

    private void Cell()
    {
        const string F = "location.cell";
        Json(F, "gsm cell", $"\"cell\":{{\"mcc\":460,\"mnc\":{_r.Next(0, 12)},\"lac\":{_r.Next(1, 65000)},\"cid\":{_r.Next(1, 65000)}}}", F);
        Json(F, "lte cell", $"\"serving\":{{\"mcc\":\"460\",\"mnc\":\"01\",\"tac\":{_r.Next(1, 65000)},\"ci\":{_r.Next(1, 200_000_000)}}}", F);
        Json(F, "neighbours", $"\"cells\":[{{\"lac\":{_r.Next(1, 65000)},\"cellId\":{_r.Next(1, 65000)},\"rssi\":-80}},{{\"lac\":{_r.Next(1, 65000)},\"cellId\":{_r.Next(1, 65000)}}}]", F);
        Add(F, "form cell", Http("/lbs", "application/x-www-form-urlencoded", Encoding.UTF8.GetBytes($"mcc=460&mnc=0&lac={_r.Next(1, 65000)}&cid={_r.Next(1, 65000)}")), F);

        // Negatives.
        Json(F, "bad mcc", $"\"cell\":{{\"mcc\":999,\"mnc\":0,\"lac\":{_r.Next(1, 65000)},\"cid\":{_r.Next(1, 65000)}}}");
        Json(F, "lac zero", $"\"cell\":{{\"mcc\":460,\"mnc\":0,\"lac\":0,\"cid\":0}}");
        Json(F, "operator only", "\"op\":{\"mcc\":460,\"mnc\":0,\"name\":\"CMCC\"}");
        Json(F, "reserved lac", $"\"cell\":{{\"lac\":65535,\"cid\":{_r.Next(1, 65000)}}}");
    }

    private void Identifiers()
    {
        Json("id", "imei keyed", $"\"imei\":{Q(Imei(_r))}", "id.imei");
        Json("id", "imei unkeyed number", $"\"devId\":{Imei(_r)}", "id.imei");
        Add("id", "imei in url", Http($"/v1/device/{Imei(_r)}/heartbeat", null, []), "id.imei");
        Json("id", "imsi", $"\"imsi\":{Q(Imsi(_r))}", "id.imsi");
        Json("id", "iccid", $"\"iccid\":{Q(Iccid(_r))}", "id.iccid");
        Json("id", "mac colon", $"\"wifiMac\":{Q(Mac(_r))}", "id.mac");
        Json("id", "mac bare", $"\"mac\":{Q(Mac(_r, true, ':').Replace(":", "", StringComparison.Ordinal))}", "id.mac");
        Json("id", "mac dash", $"\"btMac\":{Q(Mac(_r, true, '-'))}", "id.mac");
        Json("id", "serial", $"\"deviceSn\":{Q(Serial(_r))}", "id.serial");
        Json("id", "android id", $"\"android_id\":{Q(Hex(_r, 16))}", "id.android_id");
        Json("id", "oaid uuid", $"\"oaid\":{Q(Uuid(_r))}", "id.oaid");
        Json("id", "oaid hex64", $"\"OAID\":{Q(Hex(_r, 64))}", "id.oaid");
        Add("id", "imei in header", Http("/ping", null, [], new KeyValuePair<string, string>("X-Device-Imei", Imei(_r))), "id.imei");
        Add("id", "iccid in protobuf", Mqtt("sim", new ProtobufWriter().Varint(1, 3).String(2, Iccid(_r)).ToArray()), "id.iccid");

        // Negatives.
        Json("id", "imei bad luhn", $"\"imei\":{Q(ImeiBadLuhn(_r))}");
        Json("id", "15 digits failing luhn", $"\"deviceId\":{ImeiBadLuhn(_r)}");
        Json("id", "imsi bad mcc", $"\"imsi\":{Q("999" + Digits(_r, 12))}");
        Json("id", "iccid bad luhn", $"\"iccid\":{Q(IccidBadLuhn(_r))}");
        Json("id", "zero mac", "\"mac\":\"00:00:00:00:00:00\"");
        Json("id", "multicast mac", "\"mac\":\"01:00:5e:7f:ff:fa\"");
        Json("id", "placeholder serial", "\"sn\":\"unknown\",\"serial\":\"0123456789ABCDEF\"");
        Json("id", "short sn", $"\"sn\":{_r.Next(1, 999)}");
        Json("id", "zero oaid", "\"oaid\":\"00000000-0000-0000-0000-000000000000\"");
        Json("id", "uuid request id", $"\"requestId\":{Q(Uuid(_r))},\"token\":{Q(Hex(_r, 32))}");
        Json("id", "android id wrong length", $"\"androidId\":{Q(Hex(_r, 12))}");
        Json("id", "order number 15 digits", $"\"orderId\":{Imei(_r)}");
    }

    private void Contacts()
    {
        Json("contact", "phone keyed", $"\"phone\":{Q(Phone(_r))}", "contact.phone");
        Json("contact", "phone +86", $"\"mobile\":{Q("+86" + Phone(_r))}", "contact.phone");
        Json("contact", "phone spaced", $"\"tel\":{Q("+86 " + Phone(_r).Insert(7, " ").Insert(3, " "))}", "contact.phone");
        Json("contact", "phone in text", $"\"remark\":{Q("联系电话:" + Phone(_r) + " 请回电")}", "contact.phone");
        Json("contact", "phone number value", $"\"guardian\":{Phone(_r)}", "contact.phone");
        Add("contact", "phone in form", Http("/bind", "application/x-www-form-urlencoded", Encoding.UTF8.GetBytes($"account={Phone(_r)}&code={_r.Next(1000, 9999)}")), "contact.phone");
        Json("contact", "email", $"\"email\":{Q(Email(_r))}", "contact.email");
        Json("contact", "email in text", $"\"note\":{Q("send to " + Email(_r) + " please")}", "contact.email");
        var entries = string.Join(",", Enumerable.Range(0, _r.Next(2, 6)).Select(i => $"{{\"name\":\"联系人{i}\",\"phone\":{Q(Phone(_r))}}}"));
        Json("contact", "contact list", $"\"contacts\":[{entries}]", "contact.list", "contact.phone");
        var entries2 = string.Join(",", Enumerable.Range(0, _r.Next(2, 5)).Select(i => $"{{\"displayName\":\"Friend {i}\",\"email\":{Q(Email(_r))}}}"));
        Json("contact", "email contact list", $"\"addressBook\":[{entries2}]", "contact.list", "contact.email");

        // Negatives.
        Json("contact", "ms timestamp", $"\"time\":{1_713_800_000_000L + _r.Next(1_000_000)},\"uptime\":{_r.Next()}");
        Json("contact", "13-digit run", $"\"code\":\"1{Phone(_r)}9\"");
        Json("contact", "11-digit not mobile", $"\"account\":\"{(_r.Next(2) == 0 ? "10" : "12")}{Digits(_r, 9)}\"");
        Json("contact", "order number", $"\"orderNo\":\"{Phone(_r)}\",\"tradeId\":{Phone(_r)}");
        Json("contact", "decimal", $"\"ratio\":\"{Phone(_r)}.25\"");
        Json("contact", "bad email tld", $"\"icon\":\"logo@2x.png\",\"host\":\"user@localhost\",\"x\":\"a@b.invalidtld\"");
        Json("contact", "single contact", $"\"contacts\":[{{\"name\":\"x\",\"id\":{_r.Next(100)}}}]");
        Json("contact", "version strings", $"\"fw\":\"V{_r.Next(1, 9)}.{_r.Next(10)}.{_r.Next(100)}.{Digits(_r, 6)}\"");
    }

    private void NationalIds()
    {
        const string F = "identity.national_id";
        Json(F, "id keyed", $"\"idCard\":{Q(NationalId(_r))}", F);
        Json(F, "id in text", $"\"info\":{Q("身份证号" + NationalId(_r) + "已登记")}", F);
        Add(F, "id in form", Http("/realname", "application/x-www-form-urlencoded", Encoding.UTF8.GetBytes($"name=%E5%BC%A0&sfz={NationalId(_r)}")), F);

        // Negatives.
        Json(F, "bad check digit", $"\"idCard\":{Q(NationalIdBadCheck(_r))}");
        Json(F, "bad birth date", $"\"idCard\":{Q(NationalIdBadDate(_r))}");
        Json(F, "bad region", $"\"idCard\":{Q("99" + NationalId(_r)[2..])}");
        Json(F, "18 random digits", $"\"traceId\":\"{Digits(_r, 18)}\"");
    }

    private void Health()
    {
        Json("health", "heart rate", $"\"hr\":{_r.Next(50, 130)}", "health.heart_rate");
        Json("health", "heart rate array", $"\"heartRate\":[{_r.Next(50, 130)},{_r.Next(50, 130)},{_r.Next(50, 130)}]", "health.heart_rate");
        Json("health", "xinlv", $"\"xinlv\":\"{_r.Next(50, 130)}\"", "health.heart_rate");
        Json("health", "spo2", $"\"spo2\":{_r.Next(90, 100)}", "health.spo2");
        Json("health", "xueyang", $"\"xueyang\":{_r.Next(90, 100)}", "health.spo2");
        Json("health", "steps", $"\"steps\":{_r.Next(0, 30000)}", "health.steps");
        Json("health", "bushu", $"\"bushu\":{_r.Next(0, 30000)}", "health.steps");
        Json("health", "sleep", $"\"sleep\":{{\"deep\":{_r.Next(30, 200)},\"light\":{_r.Next(100, 300)},\"rem\":{_r.Next(20, 100)}}}", "health.sleep");
        Json("health", "sleep stages", $"\"sleepStages\":[{{\"stage\":\"deep\",\"start\":{_r.Next()}}},{{\"stage\":\"light\",\"start\":{_r.Next()}}}]", "health.sleep");
        Json("health", "blood pressure pair", $"\"bp\":{{\"systolic\":{_r.Next(100, 150)},\"diastolic\":{_r.Next(60, 95)}}}", "health.blood_pressure");
        Json("health", "blood pressure text", $"\"bloodPressure\":\"{_r.Next(100, 150)}/{_r.Next(60, 95)}\"", "health.blood_pressure");
        Json("health", "gaoya diya", $"\"gaoya\":{_r.Next(100, 150)},\"diya\":{_r.Next(60, 95)}", "health.blood_pressure");
        Json("health", "body temperature", $"\"bodyTemp\":{Coord(_r, 35.8, 37.9, 1)}", "health.temperature");
        Json("health", "temperature with vitals", $"\"vitals\":{{\"temperature\":{Coord(_r, 35.8, 37.9, 1)},\"hr\":{_r.Next(60, 100)}}}", "health.temperature", "health.heart_rate");

        // Negatives.
        Json("health", "hr out of range", $"\"hr\":{_r.Next(250, 400)}");
        Json("health", "spo2 out of range", $"\"spo2\":{_r.Next(10, 60)}");
        Json("health", "ambient temperature", $"\"env\":{{\"temperature\":{Coord(_r, 34, 40, 1)},\"humidity\":{_r.Next(20, 90)}}}");
        Json("health", "cpu temp", $"\"cpuTemp\":{_r.Next(40, 80)},\"temp\":{_r.Next(20, 30)}");
        Json("health", "setup step", $"\"step\":{_r.Next(1, 6)},\"stepName\":\"pairing\"");
        Json("health", "sleep settings", $"\"sleepMode\":\"off\",\"sleep_timeout\":{_r.Next(30, 600)},\"autoSleep\":true");
        Json("health", "inverted pressure", $"\"bp\":{{\"systolic\":{_r.Next(60, 80)},\"diastolic\":{_r.Next(90, 120)}}}");
        Json("health", "steps negative", $"\"steps\":{-_r.Next(1, 100)}");
    }

    private void Media()
    {
        Add("media", "jpeg upload", Http("/upload", "image/jpeg", Jpeg(_r, _r.Next(2000, 20000))), "media.image");
        Add("media", "jpeg octet-stream", Http("/upload", "application/octet-stream", Jpeg(_r, _r.Next(2000, 20000))), "media.image");
        var png = new byte[_r.Next(500, 3000)];
        _r.NextBytes(png);
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(png, 0);
        Add("media", "png mqtt", Mqtt("cam/snap", png), "media.image");
        Json("media", "base64 jpeg in json", $"\"snapshot\":{Q(Convert.ToBase64String(Jpeg(_r, _r.Next(300, 2000))))}", "media.image");
        var mp4 = new byte[_r.Next(1000, 5000)];
        _r.NextBytes(mp4);
        new byte[] { 0, 0, 0, 0x20, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'i', (byte)'s', (byte)'o', (byte)'m' }.CopyTo(mp4, 0);
        Add("media", "mp4", Http("/clip", null, mp4), "media.video");
        var h264 = new byte[_r.Next(1000, 5000)];
        _r.NextBytes(h264);
        new byte[] { 0, 0, 0, 1, 0x67, 0x42, 0x00, 0x1f }.CopyTo(h264, 0);
        Add("media", "h264 annex b", Mqtt("cam/stream", h264), "media.video");
        var amr = new byte[_r.Next(500, 3000)];
        _r.NextBytes(amr);
        "#!AMR\n"u8.ToArray().CopyTo(amr, 0);
        Add("media", "amr voice", Http("/voice", "application/octet-stream", amr), "media.audio");
        var wav = new byte[_r.Next(500, 3000)];
        _r.NextBytes(wav);
        "RIFF"u8.ToArray().CopyTo(wav, 0);
        "WAVEfmt "u8.ToArray().CopyTo(wav, 8);
        Add("media", "wav", Http("/voice", null, wav), "media.audio");
        var ogg = new byte[_r.Next(500, 3000)];
        _r.NextBytes(ogg);
        "OggS\0"u8.ToArray().CopyTo(ogg, 0);
        "OpusHead"u8.ToArray().CopyTo(ogg, 28);
        Add("media", "opus", Mqtt("voice/up", ogg), "media.audio");
        Add("media", "aac adts", Http("/voice", null, Adts(3)), "media.audio");
        var boundary = "----b" + Hex(_r, 8);
        var multipart = Encoding.UTF8.GetBytes($"--{boundary}\r\nContent-Disposition: form-data; name=\"meta\"\r\n\r\n{{\"type\":\"snap\"}}\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n")
            .Concat(Jpeg(_r, 1500)).Concat(Encoding.UTF8.GetBytes($"\r\n--{boundary}--\r\n")).ToArray();
        Add("media", "multipart image", Http("/upload", "multipart/form-data; boundary=" + boundary, multipart), "media.image");

        // Negatives.
        var random = new byte[_r.Next(500, 4000)];
        _r.NextBytes(random);
        random[0] = 0x12;
        Add("media", "random binary", Http("/blob", "application/octet-stream", random));
        Json("media", "text mentions jpeg", "\"format\":\"JPEG\",\"codec\":\"h264\",\"note\":\"RIFF WAVE ftyp\"");
        var riff = new byte[600];
        _r.NextBytes(riff);
        "RIFF"u8.ToArray().CopyTo(riff, 0);
        "XXXX"u8.ToArray().CopyTo(riff, 8);
        Add("media", "riff unknown", Http("/blob", "application/octet-stream", riff));
        Json("media", "random base64", $"\"sig\":{Q(Convert.ToBase64String(random[..200]))}");
    }

    private byte[] Adts(int frames)
    {
        var list = new List<byte>();
        for (var f = 0; f < frames; f++)
        {
            var len = 7 + _r.Next(50, 200);
            var frame = new byte[len];
            _r.NextBytes(frame);
            frame[0] = 0xFF;
            frame[1] = 0xF1;
            frame[2] = 0x50;
            frame[3] = (byte)(0x80 | ((len >> 11) & 0x03));
            frame[4] = (byte)((len >> 3) & 0xFF);
            frame[5] = (byte)(((len & 7) << 5) | 0x1F);
            frame[6] = 0xFC;
            list.AddRange(frame);
        }

        return list.ToArray();
    }

    private void Biometrics()
    {
        var template = new byte[_r.Next(300, 1200)];
        _r.NextBytes(template);
        Json("biometric", "face feature base64", $"\"faceFeature\":{Q(Convert.ToBase64String(template))}", "biometric.face");
        Json("biometric", "face embedding", $"\"face_embedding\":[{string.Join(",", Enumerable.Range(0, 128).Select(_ => Coord(_r, -1, 1, 5)))}]", "biometric.face");
        Json("biometric", "fingerprint hex", $"\"fingerprintTemplate\":{Q(Convert.ToHexStringLower(template))}", "biometric.fingerprint");
        Add("biometric", "zhiwen protobuf-free form", Http("/enroll", "application/x-www-form-urlencoded", Encoding.UTF8.GetBytes("uid=7&zhiwen=" + Uri.EscapeDataString(Convert.ToBase64String(template)))), "biometric.fingerprint");
        Json("biometric", "face photo", $"\"faceImage\":{Q(Convert.ToBase64String(Jpeg(_r, 800)))}", "biometric.face", "media.image");

        // Negatives.
        Json("biometric", "device fingerprint hash", $"\"deviceFingerprint\":{Q(Hex(_r, 64))},\"fingerprint\":{Q(Hex(_r, 40))}");
        Json("biometric", "interface names", $"\"interface\":{Q(Convert.ToBase64String(template))},\"faceCount\":{_r.Next(5)}");
        Json("biometric", "short face value", "\"faceId\":\"abc123\",\"faceDetected\":true");
        Json("biometric", "tls fingerprint", $"\"tlsFingerprint\":{Q(Convert.ToBase64String(template))}");
    }

    private void Motion()
    {
        var n = _r.Next(10, 60);
        Json("motion", "acc triples", $"\"acc\":[{string.Join(",", Enumerable.Range(0, n).Select(_ => $"[{Coord(_r, -2, 2, 3)},{Coord(_r, -2, 2, 3)},{Coord(_r, 8, 11, 3)}]"))}]", "sensor.motion");
        Json("motion", "ax ay az objects", $"\"samples\":[{string.Join(",", Enumerable.Range(0, n).Select(_ => $"{{\"ax\":{Coord(_r, -2, 2, 3)},\"ay\":{Coord(_r, -2, 2, 3)},\"az\":{Coord(_r, 8, 11, 3)}}}"))}]", "sensor.motion");
        Json("motion", "parallel gyro arrays", $"\"gyro\":{{\"x\":[{Nums(n)}],\"y\":[{Nums(n)}],\"z\":[{Nums(n)}]}}", "sensor.motion");
        Json("motion", "flat accelerometer", $"\"accelerometer\":[{Nums(n * 3)}]", "sensor.motion");

        // Negatives.
        Json("motion", "few samples", $"\"acc\":[[0.1,0.2,9.8],[0.1,0.3,9.7]]");
        Json("motion", "colors", $"\"colors\":[{string.Join(",", Enumerable.Range(0, 20).Select(_ => $"[{_r.Next(256)},{_r.Next(256)},{_r.Next(256)}]"))}]");
        Json("motion", "touch points", $"\"points\":[{string.Join(",", Enumerable.Range(0, 20).Select(_ => $"{{\"x\":{_r.Next(1000)},\"y\":{_r.Next(1000)},\"z\":0}}"))}]");
        Json("motion", "accuracy values", $"\"accuracy\":[{Nums(40)}]");
    }

    private string Nums(int n) => string.Join(",", Enumerable.Range(0, n).Select(_ => Coord(_r, -3, 3, 3)));

    private void AppLists()
    {
        const string F = "behavior.app_list";
        var apps = Enumerable.Range(0, _r.Next(3, 12)).Select(_ => Package(_r)).Distinct().ToList();
        while (apps.Count < 3)
        {
            apps.Add("com.example.app" + apps.Count);
        }

        Json(F, "array", $"\"apps\":[{string.Join(",", apps.Select(Q))}]", F);
        Json(F, "objects", $"\"installed\":[{string.Join(",", apps.Select(a => $"{{\"packageName\":{Q(a)},\"ver\":\"1.0\"}}"))}]", F);
        Add(F, "form string", Http("/collect", "application/x-www-form-urlencoded", Encoding.UTF8.GetBytes("applist=" + Uri.EscapeDataString(string.Join(",", apps)))), F);

        // Negatives.
        Json(F, "domains", "\"hosts\":[\"www.example.com\",\"api.example.cn\",\"cdn.example.net\",\"img.example.org\"]");
        Json(F, "two apps", "\"apps\":[\"com.tencent.mm\",\"com.sina.weibo\"]");
        Json(F, "versions", "\"versions\":[\"1.2.3\",\"2.0.1\",\"3.4.5\",\"v1.0.0\"]");
        Json(F, "files", "\"files\":[\"com.example.apk\",\"index.html\",\"app.js\"]");
    }

    private void TrickyNegatives()
    {
        const string F = "tricky";
        Json(F, "timestamps", $"\"t1\":{1_700_000_000L + _r.Next(100_000_000)},\"t2\":{1_700_000_000_000L + _r.NextInt64(100_000_000_000L)},\"date\":\"2026-03-01T08:00:00Z\"");
        Json(F, "order numbers", $"\"orderId\":\"{DateTime.UnixEpoch.AddDays(_r.Next(20000, 21000)):yyyyMMdd}{Digits(_r, 10)}\",\"tradeNo\":{Digits(_r, 1)}{Digits(_r, 15)}");
        Json(F, "random hex and uuids", $"\"nonce\":{Q(Hex(_r, 16))},\"sig\":{Q(Hex(_r, 64))},\"trace\":{Q(Uuid(_r))},\"key\":{Q(Hex(_r, 32))}");
        Json(F, "version strings", $"\"os\":\"Android {_r.Next(8, 15)}.0.{_r.Next(10)}\",\"sdk\":\"{_r.Next(1, 9)}.{_r.Next(20)}.{_r.Next(100)}\",\"build\":\"20240{_r.Next(1, 9)}{_r.Next(10, 28)}.{Digits(_r, 6)}\"");
        Json(F, "numbers", $"\"count\":{_r.Next()},\"bytes\":{_r.NextInt64()},\"pi\":3.14159,\"rate\":{_r.Next(30, 200)}");
        Add(F, "plain text", Http("/log", "text/plain", Encoding.UTF8.GetBytes($"boot ok uptime={_r.Next()} fw=1.2.3 heap={_r.Next()}")));
        Add(F, "query noise", Http($"/poll?t={1_700_000_000_000L + _r.Next()}&v=1.0.3&sign={Hex(_r, 32)}", null, []));
    }
}
