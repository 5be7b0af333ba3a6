// DetectBench: MB/s of PayloadInspector.Inspect (decode + detect + known values) on typical IoT bodies, one thread.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using DeviceWatch.Analysis.Observations;
using DeviceWatch.Core.Analysis;

var random = new Random(42);
var context = new DeviceInspectionContext("bench-device",
    new Dictionary<string, IReadOnlyList<string>>
    {
        [DataTypes.IdImei] = ["356938035643809"],
        [DataTypes.IdMac] = ["3C:22:FB:12:34:56"],
    },
    _ => "first");

var workloads = new (string Name, Payload[] Payloads)[]
{
    ("json telemetry", Enumerable.Range(0, 64).Select(i => Http("application/json", JsonTelemetry(random, i))).ToArray()),
    ("protobuf", Enumerable.Range(0, 64).Select(i => Http("application/x-protobuf", Protobuf(random, i))).ToArray()),
    ("form post", Enumerable.Range(0, 64).Select(i => Http("application/x-www-form-urlencoded", Form(random, i))).ToArray()),
    ("jpeg image", Enumerable.Range(0, 16).Select(_ => Http("image/jpeg", Jpeg(random, 30_000))).ToArray()),
};

var inspector = new PayloadInspector();
Console.WriteLine("DetectBench: PayloadInspector.Inspect, single thread; MB/s per CPU-second of this process");
double totalBytes = 0, totalSeconds = 0;
foreach (var (name, payloads) in workloads)
{
    var (bytes, seconds, observations) = Measure(inspector, payloads, context);
    totalBytes += bytes;
    totalSeconds += seconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-16} avg body {bytes / Math.Max(1, Count(payloads, bytes)),8:F0} B  {bytes / seconds / 1e6,8:F1} MB/s  {observations,6} observations/pass"));
}

// Mixed: equal time-share weighting is misleading; report bytes over time for one pass of every workload.
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"all (bytes/time)",-16} {totalBytes / totalSeconds / 1e6,28:F1} MB/s"));

static double Count(Payload[] payloads, double bytes) => payloads.Length * Math.Max(1, Math.Round(bytes / payloads.Sum(p => p.Body.Length + (p.Url?.Length ?? 0))));

static (double Bytes, double Seconds, int Observations) Measure(PayloadInspector inspector, Payload[] payloads, DeviceInspectionContext context)
{
    var perPass = payloads.Sum(p => (double)p.Body.Length + (p.Url?.Length ?? 0));
    var observations = 0;
    for (var warm = 0; warm < 200; warm++)
    {
        foreach (var p in payloads)
        {
            observations = inspector.Inspect(p, context).Count;
        }
    }

    observations = payloads.Sum(p => inspector.Inspect(p, context).Count);
    var sw = Stopwatch.StartNew();
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var passes = 0;
    while (sw.Elapsed < TimeSpan.FromSeconds(3))
    {
        foreach (var p in payloads)
        {
            inspector.Inspect(p, context);
        }

        passes++;
    }

    // CPU time of this single-threaded process: robust when other work shares the cores (GC threads included).
    var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  (wall {perPass * passes / sw.Elapsed.TotalSeconds / 1e6:F1} MB/s, cpu {perPass * passes / cpuSeconds / 1e6:F1} MB/s)"));
    return (perPass, cpuSeconds / passes, observations);
}

static Payload Http(string contentType, byte[] body) => new()
{
    Timestamp = DateTime.UnixEpoch,
    FlowUid = "C1",
    DeviceKey = "02:00:5e:10:00:01",
    Destination = "api.example.com",
    Kind = PayloadKind.HttpRequest,
    Method = "POST",
    Url = "/api/v1/report?v=2&sign=" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()),
    ContentType = contentType,
    Body = body,
    BodyLength = body.Length,
};

static byte[] JsonTelemetry(Random r, int i)
{
    var c = CultureInfo.InvariantCulture;
    var sb = new StringBuilder();
    sb.Append(c, $"{{\"deviceId\":\"W{r.Next(100000, 999999)}\",\"ts\":{1_700_000_000_000L + i},\"fw\":\"2.3.{i}\",\"battery\":{r.Next(100)},");
    sb.Append(c, $"\"data\":{{\"loc\":{{\"lat\":{39 + r.NextDouble():F6},\"lng\":{116 + r.NextDouble():F6},\"acc\":{r.Next(5, 50)}}},");
    sb.Append(c, $"\"hr\":{r.Next(55, 120)},\"steps\":{r.Next(20000)},\"spo2\":{r.Next(92, 100)},");
    sb.Append(c, $"\"wifi\":[{{\"bssid\":\"3c:22:fb:{r.Next(10, 99)}:34:56\",\"ssid\":\"home\",\"rssi\":-{r.Next(30, 90)}}},{{\"bssid\":\"a4:5e:60:{r.Next(10, 99)}:01:02\",\"ssid\":\"office\",\"rssi\":-{r.Next(30, 90)}}}],");
    sb.Append(c, $"\"cell\":{{\"mcc\":460,\"mnc\":0,\"lac\":{r.Next(1, 65000)},\"cid\":{r.Next(1, 65000)}}},");
    sb.Append(c, $"\"status\":{{\"charging\":false,\"signal\":{r.Next(5)},\"temp\":{r.Next(20, 40)},\"mode\":\"normal\",\"seq\":{i}}}}}}}");
    return Encoding.UTF8.GetBytes(sb.ToString());
}

static byte[] Protobuf(Random r, int i)
{
    var ms = new MemoryStream();
    void Tag(int field, int wire) => Varint((ulong)((field << 3) | wire));
    void Varint(ulong v)
    {
        while (v >= 0x80)
        {
            ms.WriteByte((byte)(v | 0x80));
            v >>= 7;
        }

        ms.WriteByte((byte)v);
    }

    void Bytes(int field, byte[] b)
    {
        Tag(field, 2);
        Varint((ulong)b.Length);
        ms.Write(b);
    }

    Tag(1, 0);
    Varint((ulong)(1_700_000_000 + i));
    Bytes(2, Encoding.UTF8.GetBytes("356938035643809"));
    var inner = new MemoryStream();
    foreach (var d in new[] { 39 + r.NextDouble(), 116 + r.NextDouble() })
    {
        inner.WriteByte((byte)((inner.Length == 0 ? 1 : 2) << 3 | 1));
        inner.Write(BitConverter.GetBytes(d));
    }

    Bytes(3, inner.ToArray());
    Tag(4, 0);
    Varint((ulong)r.Next(60, 100));
    Bytes(5, Encoding.UTF8.GetBytes("firmware-2.3." + i));
    for (var k = 0; k < 8; k++)
    {
        Tag(6, 5);
        ms.Write(BitConverter.GetBytes((float)(r.NextDouble() * 10)));
    }

    return ms.ToArray();
}

static byte[] Form(Random r, int i) => Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
    $"imei=356938035643809&mac=3c22fb123456&lat={39 + r.NextDouble():F5}&lng={116 + r.NextDouble():F5}&ts={1_700_000_000 + i}&ver=1.0.{i}&mobile=1380013{r.Next(1000, 9999)}&sign={Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())}&note=hello+world&app=demo"));

static byte[] Jpeg(Random r, int size)
{
    var b = new byte[size];
    r.NextBytes(b);
    b[0] = 0xFF;
    b[1] = 0xD8;
    b[2] = 0xFF;
    b[3] = 0xE0;
    return b;
}
