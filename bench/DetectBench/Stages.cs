using System.Globalization;
using DeviceWatch.Analysis.Decoding;
using DeviceWatch.Analysis.Detection;
using DeviceWatch.Analysis.Observations;
using DeviceWatch.Core.Analysis;

namespace DetectBench;

/// <summary>
/// `--stages`: CPU µs and bytes allocated per payload of each stage of PayloadInspector.Inspect on its own (decode; decode+detect;
/// decode+detect+known values; the whole Inspect), so a change can be aimed at the stage that costs.
/// </summary>
internal static class Stages
{
    public static void Run((string Name, Payload[] Payloads)[] workloads, DeviceInspectionContext context, double seconds)
    {
        var tree = new DecodedTree(DecoderLimits.Default);
        var content = new ContentDecoder(tree);
        var data = new List<DetectedDatum>();
        var buffers = new DetectionBuffers();
        var index = KnownValueIndex.Build(context.KnownValues);
        var inspector = new PayloadInspector();
        var stages = new (string Name, Action<Payload> Step)[]
        {
            ("decode", p => PayloadDecoder.Decode(p, content)),
            ("+detect", p =>
            {
                PayloadDecoder.Decode(p, content);
                data.Clear();
                DetectorSet.Run(tree, data, buffers);
            }),
            ("+known", p =>
            {
                PayloadDecoder.Decode(p, content);
                data.Clear();
                DetectorSet.Run(tree, data, buffers);
                index.Search(tree, p, data);
            }),
            ("inspect", p => inspector.Inspect(p, context)),
        };
        Console.WriteLine($"{"kind",-16} " + string.Join(" ", stages.Select(s => $"{s.Name,18}")) + "   (CPU µs and bytes allocated per payload)");
        // The cost every payload pays for its URL (path, query, a hex signature) is shown apart as "url only".
        var urlOnly = workloads[0].Payloads.Select(p => p with { Body = ReadOnlyMemory<byte>.Empty, BodyLength = 0, ContentType = null }).ToArray();
        // The URL split further: without its signature (close to the fixed cost of any payload) and the signature alone.
        var noSign = urlOnly.Select(p => p with { Url = "/api/v1/report?v=2" }).ToArray();
        var signOnly = urlOnly.Select(p => p with { Url = "/r?sign=" + p.Url![(p.Url!.IndexOf("sign=", StringComparison.Ordinal) + 5)..] }).ToArray();
        // The fixed cost of inspecting any payload: URL "/" and nothing else.
        var bare = urlOnly.Select(p => p with { Url = "/" }).ToArray();
        foreach (var (name, payloads) in workloads.Append(("url only", urlOnly)).Append(("url no sign", noSign)).Append(("sign only", signOnly))
                     .Append(("bare", bare)))
        {
            var row = new List<string>();
            foreach (var (_, step) in stages)
            {
                for (var i = 0; i < 300; i++)
                {
                    foreach (var p in payloads)
                    {
                        step(p);
                    }
                }

                var a0 = GC.GetAllocatedBytesForCurrentThread();
                var t0 = ThreadCpu.Seconds();
                var count = 0L;
                while (ThreadCpu.Seconds() - t0 < seconds)
                {
                    foreach (var p in payloads)
                    {
                        step(p);
                    }

                    count += payloads.Length;
                }

                var micros = (ThreadCpu.Seconds() - t0) / count * 1e6;
                var bytes = (GC.GetAllocatedBytesForCurrentThread() - a0) / (double)count;
                row.Add(string.Create(CultureInfo.InvariantCulture, $"{micros,7:F2} µs {bytes,5:F0} B"));
            }

            Console.WriteLine($"{name,-16} " + string.Join(" ", row));
        }
    }
}
