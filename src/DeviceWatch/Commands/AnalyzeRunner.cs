using System.Diagnostics;
using System.Globalization;
using DeviceWatch.Capture.Pipeline;
using DeviceWatch.Capture.Reading;
using DeviceWatch.Store.Jsonl;

namespace DeviceWatch.Cli.Commands;

/// <summary>The <c>analyze</c> job: captures → logs, observations, findings, report.</summary>
internal static class AnalyzeRunner
{
    public static int Run(AnalyzeOptions options)
    {
        // 1. Inputs are checked before anything is written.
        var files = CaptureFileReader.ExpandInputs(options.Inputs);
        foreach (var file in files)
        {
            if (CaptureFileReader.DetectFormat(file, out var length) == CaptureFormat.Unknown)
            {
                throw new CaptureInputException(file, length == 0 ? "empty file (not a pcap or pcapng capture)" : "not a pcap or pcapng file (unknown magic number)", byteOffset: 0);
            }
        }

        Directory.CreateDirectory(options.OutputDirectory);

        // 2. The pipeline: engine → JSONL logs, payloads → analysis.
        var stopwatch = Stopwatch.StartNew();
        CaptureInputException? damage = null;
        CaptureEngine engine;
        using (var writer = new JsonlRecordWriter(options.OutputDirectory))
        {
            engine = new CaptureEngine(writer, analysis: null, new CaptureEngineOptions { MaxFlows = options.MaxFlows });
            var progress = new ProgressReporter(options.Quiet);
            for (var i = 0; i < files.Count; i++)
            {
                var file = files[i];
                try
                {
                    CaptureFileReader.Read(file, engine, (done, total) => progress.Report(file, i, files.Count, done, total, engine.Statistics.Packets));
                }
                catch (CaptureInputException ex)
                {
                    // Keep everything recorded so far: finish the flows and outputs, then report the damage.
                    damage = ex;
                    break;
                }
            }

            progress.Done();
            engine.Complete();
            JsonlRecordWriter.WriteDevices(options.OutputDirectory, engine.DeviceSnapshot());
        }

        stopwatch.Stop();
        if (!options.Quiet)
        {
            PrintSummary(engine, files, options.OutputDirectory, stopwatch.Elapsed);
        }

        if (damage is not null)
        {
            Console.Error.WriteLine("devicewatch: " + damage.Message);
            Console.Error.WriteLine($"devicewatch: records before the damage were written to {options.OutputDirectory}");
            return ExitCodes.BadInput;
        }

        return ExitCodes.Ok;
    }

    private static void PrintSummary(CaptureEngine engine, IReadOnlyList<string> files, string output, TimeSpan elapsed)
    {
        var stats = engine.Statistics;
        var devices = engine.DeviceSnapshot();
        var culture = CultureInfo.InvariantCulture;
        Console.WriteLine($"DeviceWatch analyzed {files.Count} capture file(s): {stats.Packets.ToString("N0", culture)} packets, {stats.Flows.ToString("N0", culture)} flows in {elapsed.TotalSeconds.ToString("0.00", culture)} s");
        Console.WriteLine($"Devices: {devices.Count}");
        foreach (var device in devices)
        {
            var name = device.Id != device.Mac ? $"{device.Id} ({device.Mac})" : device.Mac;
            var host = device.Hostname is null ? "" : $" hostname {device.Hostname}";
            Console.WriteLine($"  {name}{host}: {device.Flows} flows, {device.Destinations.Count} destinations");
        }

        var destinations = devices.SelectMany(d => d.Destinations).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        Console.WriteLine($"Destinations: {destinations.Count}");
        foreach (var destination in destinations.Take(15))
        {
            Console.WriteLine($"  {destination}");
        }

        if (destinations.Count > 15)
        {
            Console.WriteLine($"  … and {destinations.Count - 15} more (see devices.json)");
        }

        Console.WriteLine("Flows per protocol: " + string.Join(", ", stats.FlowsByService.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value}")));
        if (stats.Anomalies.Count > 0 || stats.FlowsEvicted > 0)
        {
            var parts = stats.Anomalies.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value}").ToList();
            if (stats.FlowsEvicted > 0)
            {
                parts.Add($"flows evicted (table full) {stats.FlowsEvicted}");
            }

            Console.WriteLine("Skipped as malformed or unsupported: " + string.Join(", ", parts));
        }

        Console.WriteLine($"Output: {Path.GetFullPath(output)}");
    }
}
