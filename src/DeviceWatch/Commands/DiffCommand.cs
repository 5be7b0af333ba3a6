using System.CommandLine;
using System.Globalization;
using DeviceWatch.Reports.Diff;
using DeviceWatch.Reports.Model;
using DeviceWatch.Store.Session;

namespace DeviceWatch.Cli.Commands;

/// <summary>
/// <c>devicewatch diff BEFORE AFTER [--out DIR] [--fail-on-regression] [--tolerance PERCENT]</c>: compares two runs
/// of the same device(s) — output folders, findings.json files or session.db files — and writes diff.json and diff.md.
/// </summary>
internal static class DiffCommand
{
    private static ReadOnlySpan<byte> SqliteMagic => "SQLite format 3\0"u8;

    public static Command Create()
    {
        var before = new Argument<string>("before") { Description = "the earlier run: an output folder, its findings.json, or its session.db" };
        var after = new Argument<string>("after") { Description = "the later run (same device(s)): an output folder, its findings.json, or its session.db" };
        var output = new Option<string>("--out", "-o")
        {
            Description = "output folder for diff.json and diff.md",
            DefaultValueFactory = _ => "./devicewatch-diff",
        };
        var failOnRegression = new Option<bool>("--fail-on-regression")
        {
            Description = "exit with code 3 when the after side adds a finding, a personal data type, or a third-party destination",
        };
        var tolerance = new Option<double>("--tolerance")
        {
            Description = "relative change (percent) of per_hour_max, finest_precision_m and longest_span_s still counted as the same",
            DefaultValueFactory = _ => DiffOptions.DefaultTolerance * 100,
        };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "no summary on the console" };
        var command = new Command("diff", "Compare two runs of the same device(s) (e.g. firmware N and N+1): destinations, data types, metrics and findings added or removed.")
        {
            before, after, output, failOnRegression, tolerance, quiet,
        };
        command.SetAction(parse => CommandRunner.Run(() => Run(
            parse.GetValue(before)!,
            parse.GetValue(after)!,
            parse.GetValue(output) ?? "./devicewatch-diff",
            parse.GetValue(failOnRegression),
            parse.GetValue(tolerance),
            parse.GetValue(quiet))));
        return command;
    }

    private static int Run(string beforePath, string afterPath, string outDir, bool failOnRegression, double tolerancePercent, bool quiet)
    {
        // 1. Validate and read both sides before writing anything.
        if (!double.IsFinite(tolerancePercent) || tolerancePercent < 0)
        {
            throw new UsageException($"--tolerance: '{tolerancePercent.ToString(CultureInfo.InvariantCulture)}' must be a percentage of 0 or more");
        }

        var (beforeDoc, beforeSide) = Load(beforePath);
        var (afterDoc, afterSide) = Load(afterPath);

        // 2. Compare; the two sides must share at least one device.
        var diff = FindingsDiff.Compute(beforeDoc, beforeSide, afterDoc, afterSide, new DiffOptions { Tolerance = tolerancePercent / 100 });
        if (diff.Devices.Count == 0)
        {
            throw new UsageException(
                $"{afterSide.Source}: no device in common with {beforeSide.Source} " +
                $"(before: {Names(beforeDoc)}; after: {Names(afterDoc)}); diff compares runs of the same device(s)");
        }

        // 3. Write diff.json and diff.md, print the summary, decide the exit code.
        DiffFolder.Write(outDir, diff);
        if (!quiet)
        {
            Console.Write(DiffMarkdown.Summary(diff));
            Console.WriteLine($"Output: {Path.GetFullPath(outDir)} ({DiffJson.FileName}, {DiffMarkdown.FileName})");
        }

        return failOnRegression && diff.RegressionCount > 0 ? ExitCodes.FindingsAtOrAboveThreshold : ExitCodes.Ok;
    }

    /// <summary>Reads findings.json bytes from an output folder, a findings.json file or a session.db; errors name the file.</summary>
    private static (ReportDocument Document, DiffSide Side) Load(string path)
    {
        string source;
        byte[] json;
        if (Directory.Exists(path))
        {
            var findings = Path.Combine(path, Reports.ReportFolder.FindingsFile);
            var session = Path.Combine(path, "session.db");
            if (File.Exists(findings))
            {
                (source, json) = (findings, File.ReadAllBytes(findings));
            }
            else if (File.Exists(session))
            {
                (source, json) = (session, FromSession(session));
            }
            else
            {
                throw new UsageException($"{path}: folder holds neither findings.json nor session.db (is it an analyze output folder?)");
            }
        }
        else if (File.Exists(path))
        {
            source = path;
            json = IsSqlite(path) ? FromSession(path) : File.ReadAllBytes(path);
        }
        else
        {
            throw new UsageException($"{path}: no such file or folder");
        }

        try
        {
            var document = FindingsInput.Parse(json, source);
            return (document, FindingsInput.Side(document, source));
        }
        catch (InvalidDataException ex)
        {
            throw new UsageException(ex.Message);
        }
    }

    private static byte[] FromSession(string path)
    {
        try
        {
            using var store = SessionStore.Open(path);
            return store.LoadFindingsJson() ?? throw new UsageException($"{path}: the session holds no findings (did its analyze run finish?)");
        }
        catch (Exception ex) when (ex is InvalidDataException or Microsoft.Data.Sqlite.SqliteException)
        {
            throw new UsageException(ex.Message.StartsWith(path, StringComparison.Ordinal) ? ex.Message : $"{path}: {ex.Message}");
        }
    }

    private static bool IsSqlite(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> header = stackalloc byte[16];
        return stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == header.Length && header.SequenceEqual(SqliteMagic);
    }

    private static string Names(ReportDocument document) =>
        document.Devices.Count == 0 ? "no devices" : string.Join(", ", document.Devices.Select(d => d.Id));
}
