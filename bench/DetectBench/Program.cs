// DetectBench: decode + detect + known values (PayloadInspector.Inspect) on typical IoT bodies, one thread.
// Reports CPU time, not wall time (the machine is shared): MB/s of payload per CPU-second, CPU µs per payload
// and bytes allocated per payload, per body kind and overall, as the median of several runs.
//   dotnet run -c Release --project bench/DetectBench [-- --runs 5 --seconds 2 --only json]
//   --profile KIND --seconds N : only loop over one kind (for `perf record` with DOTNET_PerfMapEnabled=1); KIND "url"
//     is a payload with only a short URL, the fixed cost of any payload; "sign" one with only a URL holding a 64-hex signature.
//   --batches : also JSON telemetry sent as batches of 1, 4 and 16 samples per body (rate against body size).
//   --stages : CPU µs and bytes allocated per payload of decode, +detect, +known values and the whole Inspect, per kind.
//   --detector-allocations : bytes each detector allocates per payload, per kind.
//   --detectors : CPU ns per payload of each detector, of the known-value search and of the whole detector set, on trees
//     decoded beforehand (no decoding in the figures).
//   --dump : print every observation of every bench payload (to compare outputs before and after a change).
//   --captures PATH... : also real payloads: every .pcap/.pcapng file (or folder of them) goes through the product's capture
//     pipeline (CaptureEngine, as `devicewatch analyze`); the payloads Inspect would inspect are measured like the kinds
//     above (same context), one line per capture plus a total, with body sizes min/median/max and exceptions per payload.
//     Printed after the synthetic table (`--only KIND` shortens that one). E.g. -- --captures ../shared/captures/public/iot-sentinel captures
using System.Diagnostics;
using System.Globalization;
using DetectBench;
using System.Text;
using DeviceWatch.Analysis.Observations;
using DeviceWatch.Core.Analysis;

var runs = IntArg("--runs", 3);
var seconds = IntArg("--seconds", 2);
var only = StringArg("--only");
var profile = StringArg("--profile");
var captures = args.SkipWhile(a => a != "--captures").Skip(1).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();

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
// Exceptions thrown inside decoders (caught there) cost microseconds each: counted and printed with the results.
var exceptions = 0L;
AppDomain.CurrentDomain.FirstChanceException += (_, e) =>
{
    if (Interlocked.Increment(ref exceptions) == 1 && Environment.GetEnvironmentVariable("DETECTBENCH_TRACE") is not null)
    {
        Console.Error.WriteLine(e.Exception + Environment.NewLine + Environment.StackTrace);
    }
};
if (args.Contains("--dump"))
{
    foreach (var (name, payloads) in workloads)
    {
        for (var i = 0; i < payloads.Length; i++)
        {
            foreach (var o in inspector.Inspect(payloads[i], context))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name}#{i}\t{o.DataType}\t{o.Field}\t{o.Encoding}\t{o.PrecisionM}\t{o.Value}"));
            }
        }
    }

    return;
}

if (args.Contains("--detector-allocations"))
{
    DetectorAllocations.Run(workloads);
    return;
}

if (args.Contains("--detectors"))
{
    Detectors.Run(workloads, context, seconds / 4.0);
    return;
}

if (args.Contains("--stages"))
{
    Stages.Run(workloads, context, seconds);
    return;
}

if (profile is not null)
{
    // "url" profiles a payload that is only a short URL (the fixed cost of any payload).
    // "sign" a payload that is only a URL with a 64-hex signature.
    var (_, chosen) = profile switch
    {
        "url" => ("url", workloads[0].Payloads.Select(p => p with { Url = "/api/v1/report?v=2", Body = ReadOnlyMemory<byte>.Empty, BodyLength = 0, ContentType = null }).ToArray()),
        "sign" => ("sign", workloads[0].Payloads.Select(p => p with { Url = "/r?sign=" + p.Url![(p.Url!.IndexOf("sign=", StringComparison.Ordinal) + 5)..], Body = ReadOnlyMemory<byte>.Empty, BodyLength = 0, ContentType = null }).ToArray()),
        _ => workloads.First(w => w.Name.StartsWith(profile, StringComparison.OrdinalIgnoreCase)),
    };
    var until = Stopwatch.StartNew();
    var limit = TimeSpan.FromSeconds(seconds);
    while (until.Elapsed < limit)
    {
        foreach (var p in chosen)
        {
            inspector.Inspect(p, context);
        }
    }

    return;
}

var selected = workloads.Where(w => only is null || w.Name.StartsWith(only, StringComparison.OrdinalIgnoreCase)).ToArray();
var results = selected.Select(_ => new List<Sample>()).ToArray();
for (var k = 0; k < selected.Length; k++)
{
    Warm(inspector, selected[k].Payloads, context);
}

for (var run = 0; run < runs; run++)
{
    for (var k = 0; k < selected.Length; k++)
    {
        results[k].Add(Measure(inspector, selected[k].Payloads, context, TimeSpan.FromSeconds(seconds)));
    }
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"DetectBench: PayloadInspector.Inspect, one thread, median of {runs} runs x {seconds} s; CPU time (process; thread in brackets)"));
Console.WriteLine($"{"kind",-16} {"avg body",9} {"MB/s",8} {"µs/payload",11} {"(thread µs)",12} {"alloc B/payload",16} {"obs/payload",12}");
double allBytes = 0, allCpu = 0, allThread = 0, allAlloc = 0, allPayloads = 0;
for (var k = 0; k < selected.Length; k++)
{
    var (name, payloads) = selected[k];
    var s = Median(results[k]);
    var bytesPerPayload = payloads.Sum(PayloadBytes) / payloads.Length;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-16} {bytesPerPayload,7:F0} B {bytesPerPayload / s.CpuSecondsPerPayload / 1e6,8:F1} {s.CpuSecondsPerPayload * 1e6,11:F2} {"(" + (s.ThreadSecondsPerPayload * 1e6).ToString("F2", CultureInfo.InvariantCulture) + ")",12} {s.AllocatedPerPayload,16:F0} {s.ObservationsPerPayload,12:F1}"));

    // Overall: one pass over every workload's payloads (bytes over CPU time, not an average of rates).
    allBytes += payloads.Sum(PayloadBytes);
    allCpu += s.CpuSecondsPerPayload * payloads.Length;
    allThread += s.ThreadSecondsPerPayload * payloads.Length;
    allAlloc += s.AllocatedPerPayload * payloads.Length;
    allPayloads += payloads.Length;
}

// Nothing to sum when --only selected no synthetic kind (e.g. `--only none --captures ...`).
if (allPayloads > 0)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{"overall",-16} {allBytes / allPayloads,7:F0} B {allBytes / allCpu / 1e6,8:F1} {allCpu / allPayloads * 1e6,11:F2} {"(" + (allThread / allPayloads * 1e6).ToString("F2", CultureInfo.InvariantCulture) + ")",12} {allAlloc / allPayloads,16:F0}"));
}

var small = selected.Where(w => !w.Name.StartsWith("jpeg", StringComparison.Ordinal)).ToArray();
if (small.Length > 0)
{
    double bytes = 0, cpu = 0;
    foreach (var (name, payloads) in small)
    {
        var s = Median(results[Array.FindIndex(selected, w => w.Name == name)]);
        bytes += payloads.Sum(PayloadBytes);
        cpu += s.CpuSecondsPerPayload * payloads.Length;
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"small bodies",-16} {"",9} {bytes / cpu / 1e6,8:F1}"));
}

// How the rate grows with the body: the same JSON telemetry sent as batches of 1, 4 and 16 samples (each
// payload still has its URL with a signature). Printed apart; not part of the figures above.
if (only is null && args.Contains("--batches"))
{
    Console.WriteLine("json telemetry batches (samples per body): MB/s, µs/payload");
    foreach (var samples in new[] { 1, 4, 16 })
    {
        var batch = Enumerable.Range(0, 32).Select(i => Http("application/json",
            Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Range(0, samples).Select(k => Encoding.UTF8.GetString(JsonTelemetry(random, i * 16 + k)))) + "]"))).ToArray();
        Warm(inspector, batch, context);
        var s = Median(Enumerable.Range(0, runs).Select(_ => Measure(inspector, batch, context, TimeSpan.FromSeconds(seconds))).ToList());
        var bytesPerPayload = batch.Sum(PayloadBytes) / batch.Length;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{samples,3} x  {bytesPerPayload,7:F0} B {bytesPerPayload / s.CpuSecondsPerPayload / 1e6,8:F1} {s.CpuSecondsPerPayload * 1e6,11:F2}"));
    }
}

Console.WriteLine($"exceptions thrown (and caught) while inspecting: {exceptions}");
if (captures.Length > 0)
{
    CaptureWorkload.Run(captures, runs, seconds, p => inspector.Inspect(p, context), p => Warm(inspector, p, context), p => Measure(inspector, p, context, TimeSpan.FromSeconds(seconds)), Median, PayloadBytes);
}

return;

static void Warm(PayloadInspector inspector, Payload[] payloads, DeviceInspectionContext context)
{
    // Enough calls for tiered compilation to reach the optimized code (and dynamic PGO to settle).
    for (var warm = 0; warm < 300; warm++)
    {
        foreach (var p in payloads)
        {
            inspector.Inspect(p, context);
        }
    }

    Thread.Sleep(200);
}

static Sample Measure(PayloadInspector inspector, Payload[] payloads, DeviceInspectionContext context, TimeSpan duration)
{
    var observations = payloads.Sum(p => inspector.Inspect(p, context).Count);
    var count = 0L;
    var sw = Stopwatch.StartNew();
    var process = Process.GetCurrentProcess();
    process.Refresh();
    var cpu0 = process.TotalProcessorTime;
    var thread0 = ThreadCpu.Seconds();
    var alloc0 = GC.GetAllocatedBytesForCurrentThread();
    var thread = thread0;
    // Run for `duration` of this thread's CPU time (falls back to wall time when thread time is unknown).
    while ((thread0 >= 0 ? thread - thread0 : sw.Elapsed.TotalSeconds) < duration.TotalSeconds)
    {
        foreach (var p in payloads)
        {
            inspector.Inspect(p, context);
        }

        count += payloads.Length;
        thread = ThreadCpu.Seconds();
    }

    var alloc = GC.GetAllocatedBytesForCurrentThread() - alloc0;
    process.Refresh();
    var cpu = (process.TotalProcessorTime - cpu0).TotalSeconds;
    var threadSeconds = thread0 >= 0 ? thread - thread0 : cpu;
    return new Sample(cpu / count, threadSeconds / count, (double)alloc / count, (double)observations / payloads.Length);
}

static Sample Median(List<Sample> samples)
{
    var ordered = samples.OrderBy(s => s.CpuSecondsPerPayload).ToArray();
    return ordered[ordered.Length / 2];
}

static double PayloadBytes(Payload p) => p.Body.Length + (p.Url?.Length ?? 0);

int IntArg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

string? StringArg(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static Payload Http(string contentType, byte[] body) => new()
{
    Timestamp = DateTime.UnixEpoch,
    FlowUid = "C1",
    DeviceKey = "02:00:5e:10:00:01",
    Destination = "api.example.com",
    Kind = PayloadKind.HttpRequest,
    Method = "POST",
    Url = "/api/v1/report?v=2&sign=" + Convert.ToHexStringLower(Signature.NextBytes()),
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
    $"imei=356938035643809&mac=3c22fb123456&lat={39 + r.NextDouble():F5}&lng={116 + r.NextDouble():F5}&ts={1_700_000_000 + i}&ver=1.0.{i}&mobile=1380013{r.Next(1000, 9999)}&sign={Convert.ToHexStringLower(Signature.NextBytes())}&note=hello+world&app=demo"));

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
