using System.Diagnostics;
using System.Globalization;
using DeviceWatch.Analysis.Observations;
using DeviceWatch.Analysis.Profiles;
using DeviceWatch.Analysis.Rules;
using DeviceWatch.Capture.Pipeline;
using DeviceWatch.Capture.Reading;
using DeviceWatch.Reports;
using DeviceWatch.Reports.Ci;
using DeviceWatch.Store.Jsonl;
using DeviceWatch.Store.Session;

namespace DeviceWatch.Cli.Commands;

/// <summary>The <c>analyze</c> job: captures → logs, observations, findings, report, session store.</summary>
internal static class AnalyzeRunner
{
    public static int Run(AnalyzeOptions options)
    {
        // 1. Everything is validated before anything is written: inputs, profiles, --fail-on.
        Severity? failOn = null;
        if (options.FailOn is not null)
        {
            failOn = Severities.TryParse(options.FailOn, out var severity) ? severity : throw new UsageException($"--fail-on: '{options.FailOn}' is not low, medium or high");
        }

        var profiles = ProfileDirectory.Load(options.ProfilesDirectory);
        if (options.FromSession is not null)
        {
            return RunFromSession(options, profiles, failOn);
        }

        if (options.Inputs.Count == 0)
        {
            throw new UsageException("analyze: give at least one capture file or folder (or --from-session)");
        }

        var files = CaptureFileReader.ExpandInputs(options.Inputs);
        foreach (var file in files)
        {
            if (CaptureFileReader.DetectFormat(file, out var length) == CaptureFormat.Unknown)
            {
                throw new CaptureInputException(file, length == 0 ? "empty file (not a pcap or pcapng capture)" : "not a pcap or pcapng file (unknown magic number)", byteOffset: 0);
            }
        }

        Directory.CreateDirectory(options.OutputDirectory);

        // 2. The pipeline: engine → logs; payloads → observations → analysis session; all → session store.
        var stopwatch = Stopwatch.StartNew();
        CaptureInputException? damage = null;
        var analysis = new AnalysisSession(profiles, new AnalysisOptions { ShowValues = options.ShowValues });
        CaptureEngine? engine = null;
        var inspector = new PayloadInspector();
        FindingsDocument document;
        IReadOnlyDictionary<string, long> counts;
        using (var recorder = new SessionRecorder(options.OutputDirectory, analysis, options.ShowValues))
        {
            var contexts = new InspectionContexts(profiles, key => engine!.Devices.Find(key) is null ? key : engine.Devices.IdOf(key));
            var stage = new ObservationStage(contexts.For, recorder.OnObservation, inspector);
            engine = new CaptureEngine(recorder, stage, new CaptureEngineOptions { MaxFlows = options.MaxFlows }, new ProfileIdentityResolver(profiles));
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
            var devices = engine.DeviceSnapshot();
            JsonlRecordWriter.WriteDevices(options.OutputDirectory, devices);
            foreach (var device in devices)
            {
                analysis.AddDevice(device);
            }

            var captures = files.Select(Path.GetFileName).OfType<string>().ToArray();
            document = analysis.Complete(captures);
            var findingsJson = FindingsJson.Serialize(document);
            ReportFolder.Write(options.OutputDirectory, findingsJson);
            WriteCiOutputs(options, findingsJson);
            recorder.Save(store =>
            {
                store.SaveCaptures(captures);
                store.SaveDevices(devices);
                store.SaveFindings(findingsJson);
            });
            recorder.Complete();
            counts = recorder.Counts;
        }

        stopwatch.Stop();
        if (!options.Quiet)
        {
            PrintSummary(engine, inspector, files, document, counts, options.OutputDirectory, stopwatch.Elapsed);
        }

        if (engine.Statistics.FirstDissectorFailure is { } failure)
        {
            // A DeviceWatch bug met on some flow: those flows stopped being dissected, everything else is complete.
            Console.Error.WriteLine($"devicewatch: warning: a dissector failed on {engine.Statistics.DissectorFailures} flow(s), which were dissected no further (counted as dissector-error); the first: {failure}. Please report this with the capture.");
        }

        if (damage is not null)
        {
            Console.Error.WriteLine("devicewatch: " + damage.Message);
            Console.Error.WriteLine($"devicewatch: records before the damage were written to {options.OutputDirectory}");
            return ExitCodes.BadInput;
        }

        return failOn is { } threshold && FindingGate.ShouldFail(document, threshold) ? ExitCodes.FindingsAtOrAboveThreshold : ExitCodes.Ok;
    }

    private static int RunFromSession(AnalyzeOptions options, ProfileSet profiles, Severity? failOn)
    {
        FindingsDocument document;
        try
        {
            using var store = SessionStore.Open(options.FromSession!);
            document = AnalysisSession.Run(
                profiles,
                store.LoadObservations(),
                store.LoadFlows(),
                store.LoadDevices(),
                store.LoadTlsInterceptions().Select(e => new TlsInterceptionEvent(e.Device, e.Host, e.Ts, e.Uid, e.Completed, e.FailureReason)),
                store.LoadCaptures(),
                new AnalysisOptions { ShowValues = options.ShowValues });
        }
        catch (Exception ex) when (ex is InvalidDataException or FileNotFoundException or Microsoft.Data.Sqlite.SqliteException)
        {
            throw new UsageException(ex.Message);
        }

        Directory.CreateDirectory(options.OutputDirectory);
        var findingsJson = FindingsJson.Serialize(document);
        ReportFolder.Write(options.OutputDirectory, findingsJson);
        WriteCiOutputs(options, findingsJson);
        if (!options.Quiet)
        {
            Console.WriteLine($"Re-ran the rules on {options.FromSession} with the given profiles: {document.AllFindings.Count()} finding(s).");
            Console.WriteLine($"Output: {Path.GetFullPath(options.OutputDirectory)}");
        }

        return failOn is { } threshold && FindingGate.ShouldFail(document, threshold) ? ExitCodes.FindingsAtOrAboveThreshold : ExitCodes.Ok;
    }

    private static void WriteCiOutputs(AnalyzeOptions options, byte[] findingsJson)
    {
        if (options.Junit is { } junit)
        {
            JunitReport.Write(junit, findingsJson, options.FailOn ?? "low");
        }

        if (options.SummaryMarkdown is { } summary)
        {
            JobSummary.Write(summary, findingsJson, options.FailOn);
        }
    }

    private static void PrintSummary(CaptureEngine engine, PayloadInspector inspector, IReadOnlyList<string> files, FindingsDocument document, IReadOnlyDictionary<string, long> counts, string output, TimeSpan elapsed)
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
        Console.WriteLine("Records: " + string.Join(", ", counts.Select(kv => $"{kv.Key} {kv.Value}")));
        var findings = document.AllFindings.ToList();
        Console.WriteLine($"Findings: {findings.Count}" + (findings.Count == 0 ? "" : " (" + string.Join(", ", findings.GroupBy(f => Severities.Name(f.Severity)).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}")) + ")"));
        foreach (var group in findings.GroupBy(f => f.Rule).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"  {group.Key}: {group.Count()}");
        }

        if (stats.Anomalies.Count > 0 || stats.FlowsEvicted > 0)
        {
            var parts = stats.Anomalies.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value}").ToList();
            if (stats.FlowsEvicted > 0)
            {
                parts.Add($"flows evicted (table full) {stats.FlowsEvicted}");
            }

            Console.WriteLine("Skipped as malformed or unsupported: " + string.Join(", ", parts));
        }

        if (inspector.PayloadsOverBudget > 0)
        {
            // What was decoded before the limit was still searched; the rest of those payloads was not.
            var limits = inspector.Limits;
            var timed = inspector.PayloadsOutOfTime > 0 ? $", {inspector.PayloadsOutOfTime.ToString("N0", culture)} of them on the {limits.TimeBudget.TotalMilliseconds.ToString("0", culture)} ms time budget" : "";
            Console.WriteLine(
                $"Payloads searched only in part (a decoding limit: {limits.MaxNodes.ToString("N0", culture)} nodes, depth {limits.MaxDepth}, " +
                $"{(limits.MaxDecodedBytes / 1024 / 1024).ToString(culture)} MB decoded or time): {inspector.PayloadsOverBudget.ToString("N0", culture)} of {inspector.PayloadsInspected.ToString("N0", culture)}{timed}");
        }

        Console.WriteLine($"Output: {Path.GetFullPath(output)} (report.html, findings.json, *.jsonl, session.db)");
    }
}
