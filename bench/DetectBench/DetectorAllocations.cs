using DeviceWatch.Analysis.Decoding;
using DeviceWatch.Analysis.Detection;
using DeviceWatch.Core.Analysis;

namespace DetectBench;

/// <summary>`--detector-allocations`: bytes each detector allocates per payload of each kind (after warm-up).</summary>
internal static class DetectorAllocations
{
    public static void Run((string Name, Payload[] Payloads)[] workloads)
    {
        var tree = new DecodedTree(DecoderLimits.Default);
        var content = new ContentDecoder(tree);
        var data = new List<DetectedDatum>();
        Console.WriteLine("bytes allocated per payload by each detector (run alone on the decoded tree)");
        foreach (var (name, payloads) in workloads)
        {
            var row = new List<string>();
            foreach (var detector in DetectorSet.All)
            {
                long bytes = 0;
                for (var round = 0; round < 50; round++)
                {
                    foreach (var p in payloads)
                    {
                        PayloadDecoder.Decode(p, content);
                        data.Clear();
                        var a0 = GC.GetAllocatedBytesForCurrentThread();
                        detector.Detect(tree, data);
                        if (round == 49)
                        {
                            bytes += GC.GetAllocatedBytesForCurrentThread() - a0;
                        }
                    }
                }

                row.Add($"{detector.GetType().Name.Replace("Detector", "", StringComparison.Ordinal)} {bytes / payloads.Length}");
            }

            Console.WriteLine($"{name,-16} " + string.Join("  ", row));
        }
    }
}
