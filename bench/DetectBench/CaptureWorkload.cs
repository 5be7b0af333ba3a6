using System.Globalization;
using DeviceWatch.Capture.Pipeline;
using DeviceWatch.Capture.Reading;
using DeviceWatch.Core.Analysis;
using DeviceWatch.Core.Records;

namespace DetectBench;

/// <summary>
/// `--captures PATH...`: the payloads of real captures as a workload. Each capture file goes through the product's own
/// pipeline (<see cref="CaptureFileReader"/> into a <see cref="CaptureEngine"/>, as <c>devicewatch analyze</c> runs it);
/// this type is the analysis stage it hands payloads to, and keeps those <c>PayloadInspector.Inspect</c> would inspect
/// (from the device, not an HTTP response). Each capture is then one group, measured like the synthetic kinds.
/// </summary>
internal sealed class CaptureWorkload : IRecordSink, IAnalysisStage
{
    // A group is repeated up to this many payloads per pass, so reading the thread clock once per pass stays negligible
    // next to the payloads (per-payload figures are unchanged: every payload is repeated the same number of times).
    private const int MinPayloadsPerPass = 64;

    private readonly List<Payload> _payloads = [];

    private CaptureWorkload(string name)
    {
        Name = name;
    }

    /// <summary>Group name: the capture's folder and file name without extension.</summary>
    public string Name { get; }

    /// <summary>Payloads the pipeline handed to analysis that Inspect would skip (to the device, HTTP responses).</summary>
    public int Skipped { get; private set; }

    /// <summary>Why reading stopped early (a damaged capture), else null.</summary>
    public string? Damage { get; private set; }

    /// <summary>The kept payloads, in pipeline order.</summary>
    public IReadOnlyList<Payload> Payloads => _payloads;

    /// <summary>
    /// Reads every capture under <paramref name="paths"/> (files or folders, expanded like <c>analyze</c> does), then warms,
    /// measures (<paramref name="runs"/> times of <paramref name="seconds"/> CPU seconds; the median) and prints one line per capture with inspectable payloads, a
    /// total over all of them, and their body size distribution. <paramref name="inspect"/> inspects one payload once, outside
    /// the timed runs, to count the exceptions each payload throws (and its decoders catch).
    /// </summary>
    public static void Run(
        IReadOnlyList<string> paths,
        int runs,
        int seconds,
        Action<Payload> inspect,
        Action<Payload[]> warm,
        Func<Payload[], Sample> measure,
        Func<List<Sample>, Sample> median,
        Func<Payload, double> payloadBytes)
    {
        var files = CaptureFileReader.ExpandInputs(paths);
        var groups = files.Select(Read).ToArray();
        var measured = groups.Where(g => g.Payloads.Count > 0).ToArray();
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine(string.Create(c,
            $"Real captures: {files.Count} file(s) through CaptureEngine, {measured.Length} with inspectable payloads; median of {runs} runs x {seconds} s; CPU time (process; thread in brackets)"));
        if (measured.Length == 0)
        {
            PrintUnmeasured(groups);
            return;
        }

        var passes = measured.Select(g => Repeat(g.Payloads)).ToArray();
        var exceptions = 0L;
        EventHandler<System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs> count = (_, _) => Interlocked.Increment(ref exceptions);
        AppDomain.CurrentDomain.FirstChanceException += count;
        var results = measured.Select(_ => new List<Sample>()).ToArray();
        var thrown = new long[measured.Length];
        var throwing = new int[measured.Length];
        try
        {
            foreach (var pass in passes)
            {
                warm(pass);
            }

            for (var k = 0; k < measured.Length; k++)
            {
                foreach (var payload in measured[k].Payloads)
                {
                    var before = Interlocked.Read(ref exceptions);
                    inspect(payload);
                    var delta = Interlocked.Read(ref exceptions) - before;
                    thrown[k] += delta;
                    throwing[k] += delta > 0 ? 1 : 0;
                }
            }

            Interlocked.Exchange(ref exceptions, 0);

            for (var run = 0; run < runs; run++)
            {
                for (var k = 0; k < passes.Length; k++)
                {
                    results[k].Add(measure(passes[k]));
                }
            }
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= count;
        }

        var width = Math.Max(16, measured.Max(g => g.Name.Length));
        Console.WriteLine(string.Create(c,
            $"{"capture".PadRight(width)} {"payloads",8} {"avg bytes",9} {"MB/s",8} {"µs/payload",11} {"(thread µs)",12} {"alloc B/payload",16} {"obs/payload",12} {"exc/payload",12}  body B min/median/max"));
        double allBytes = 0, allCpu = 0, allThread = 0, allAlloc = 0, allObservations = 0, allPayloads = 0;
        for (var k = 0; k < measured.Length; k++)
        {
            var group = measured[k];
            var s = median(results[k]);
            var n = group.Payloads.Count;
            var bytes = group.Payloads.Sum(payloadBytes);
            Console.WriteLine(string.Create(c,
                $"{group.Name.PadRight(width)} {n,8} {bytes / n,7:F0} B {bytes / n / s.CpuSecondsPerPayload / 1e6,8:F1} {s.CpuSecondsPerPayload * 1e6,11:F2} {"(" + (s.ThreadSecondsPerPayload * 1e6).ToString("F2", c) + ")",12} {s.AllocatedPerPayload,16:F0} {s.ObservationsPerPayload,12:F1} {(double)thrown[k] / n,12:F1}  {Distribution(group.Payloads)}"));

            // Total: one pass over every real payload (bytes over CPU time, not an average of rates).
            allBytes += bytes;
            allCpu += s.CpuSecondsPerPayload * n;
            allThread += s.ThreadSecondsPerPayload * n;
            allAlloc += s.AllocatedPerPayload * n;
            allObservations += s.ObservationsPerPayload * n;
            allPayloads += n;
        }

        var all = measured.SelectMany(g => g.Payloads).ToArray();
        Console.WriteLine(string.Create(c,
            $"{"total".PadRight(width)} {allPayloads,8:F0} {allBytes / allPayloads,7:F0} B {allBytes / allCpu / 1e6,8:F1} {allCpu / allPayloads * 1e6,11:F2} {"(" + (allThread / allPayloads * 1e6).ToString("F2", c) + ")",12} {allAlloc / allPayloads,16:F0} {allObservations / allPayloads,12:F1} {(double)thrown.Sum() / allPayloads,12:F1}  {Distribution(all)}"));
        var urls = all.Select(p => p.Url?.Length ?? 0).Order().ToArray();
        Console.WriteLine(string.Create(c,
            $"real payloads by kind: {string.Join(", ", all.GroupBy(p => p.Kind).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"))}; " +
            $"empty bodies {all.Count(p => p.Body.IsEmpty)}; truncated bodies {all.Count(p => p.BodyTruncated)}; URL chars min/median/max {urls[0]}/{urls[urls.Length / 2]}/{urls[^1]}; " +
            $"skipped (not inspected) {groups.Sum(g => g.Skipped)}"));
        PrintUnmeasured(groups);
        Console.WriteLine(string.Create(c,
            $"exceptions thrown (and caught) while inspecting real payloads: {exceptions} in the timed runs; one pass: {thrown.Sum()} from {throwing.Sum()} of {all.Length} payloads (exc/payload above)"));
    }

    /// <inheritdoc />
    void IAnalysisStage.OnPayload(Payload payload)
    {
        if (!payload.FromDevice || payload.Kind == PayloadKind.HttpResponse)
        {
            Skipped++;
            return;
        }

        // The body is copied so the workload does not depend on whether a dissector reuses its buffers later.
        _payloads.Add(payload with { Body = payload.Body.ToArray() });
    }

    /// <inheritdoc />
    void IAnalysisStage.OnFlowEnded(ConnRecord flow)
    {
    }

    /// <inheritdoc />
    void IAnalysisStage.Complete()
    {
    }

    /// <inheritdoc />
    void IRecordSink.OnConn(ConnRecord record)
    {
    }

    /// <inheritdoc />
    void IRecordSink.OnDns(DnsRecord record)
    {
    }

    /// <inheritdoc />
    void IRecordSink.OnDhcp(DhcpRecord record)
    {
    }

    /// <inheritdoc />
    void IRecordSink.OnTls(TlsRecord record)
    {
    }

    /// <inheritdoc />
    void IRecordSink.OnHttp(HttpRecord record)
    {
    }

    /// <inheritdoc />
    void IRecordSink.OnMqtt(MqttRecord record)
    {
    }

    private static CaptureWorkload Read(string file)
    {
        var folder = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(file)));
        var workload = new CaptureWorkload(folder + "/" + Path.GetFileNameWithoutExtension(file));
        var engine = new CaptureEngine(workload, workload);
        try
        {
            CaptureFileReader.Read(file, engine);
        }
        catch (CaptureInputException ex)
        {
            // Like analyze: what was read before the damage still counts.
            workload.Damage = ex.Message;
        }

        engine.Complete();
        return workload;
    }

    private static Payload[] Repeat(IReadOnlyList<Payload> payloads)
    {
        var times = (MinPayloadsPerPass + payloads.Count - 1) / payloads.Count;
        return Enumerable.Repeat(payloads, times).SelectMany(p => p).ToArray();
    }

    private static string Distribution(IReadOnlyList<Payload> payloads)
    {
        var sizes = payloads.Select(p => p.Body.Length).Order().ToArray();
        return string.Create(CultureInfo.InvariantCulture, $"{sizes[0]}/{sizes[sizes.Length / 2]}/{sizes[^1]}");
    }

    private static void PrintUnmeasured(IReadOnlyList<CaptureWorkload> groups)
    {
        var empty = groups.Where(g => g.Payloads.Count == 0).Select(g => g.Name).ToArray();
        if (empty.Length > 0)
        {
            Console.WriteLine($"no inspectable payloads ({empty.Length}): {string.Join(", ", empty)}");
        }

        foreach (var damaged in groups.Where(g => g.Damage is not null))
        {
            Console.WriteLine($"stopped at damage in {damaged.Name}: {damaged.Damage}");
        }
    }
}
