using System.Globalization;
using DeviceWatch.Analysis.Decoding;
using DeviceWatch.Analysis.Detection;
using DeviceWatch.Analysis.Observations;
using DeviceWatch.Core.Analysis;

namespace DetectBench;

/// <summary>
/// `--detectors`: CPU ns per payload of each detector, of the known-value search and of the trait summary, run on
/// trees decoded once beforehand (one tree per payload), so each part is measured on its own without decoding.
/// </summary>
internal static class Detectors
{
    public static void Run((string Name, Payload[] Payloads)[] workloads, DeviceInspectionContext context, double seconds)
    {
        var index = KnownValueIndex.Build(context.KnownValues);
        var parts = DetectorSet.All.Select(d => (Name: d.GetType().Name.Replace("Detector", "", StringComparison.Ordinal),
            Step: (Action<DecodedTree, Payload, List<DetectedDatum>>)((t, _, r) => d.Detect(t, r)))).ToList();
        parts.Add(("Known", (t, p, r) => index.Search(t, p, r)));
        parts.Add(("All", (t, p, r) => DetectorSet.Run(t, r)));
        Console.WriteLine($"{"kind",-16} " + string.Join(" ", parts.Select(p => $"{p.Name,16}")) + "   (CPU ns per payload)");
        foreach (var (name, payloads) in workloads)
        {
            var trees = payloads.Select(p =>
            {
                var tree = new DecodedTree(DecoderLimits.Default);
                PayloadDecoder.Decode(p, new ContentDecoder(tree));
                _ = tree.AllTraits;
                return tree;
            }).ToArray();
            var results = new List<DetectedDatum>();
            var row = new List<string>();
            foreach (var (_, step) in parts)
            {
                for (var i = 0; i < 200; i++)
                {
                    for (var k = 0; k < trees.Length; k++)
                    {
                        results.Clear();
                        step(trees[k], payloads[k], results);
                    }
                }

                var t0 = ThreadCpu.Seconds();
                var count = 0L;
                while (ThreadCpu.Seconds() - t0 < seconds)
                {
                    for (var k = 0; k < trees.Length; k++)
                    {
                        results.Clear();
                        step(trees[k], payloads[k], results);
                    }

                    count += trees.Length;
                }

                row.Add(string.Create(CultureInfo.InvariantCulture, $"{(ThreadCpu.Seconds() - t0) / count * 1e9,16:F0}"));
            }

            Console.WriteLine($"{name.Replace(' ', '-'),-16} " + string.Join(" ", row));
        }
    }
}
