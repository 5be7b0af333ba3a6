using System.Text;
using DeviceWatch.Reports.Model;

namespace DeviceWatch.Reports.Ci;

/// <summary>
/// A short Markdown summary of a findings.json document for a CI job summary (e.g. GitHub's
/// <c>$GITHUB_STEP_SUMMARY</c>): the verdict against the threshold, a table of findings per device and severity,
/// and the findings at or above the threshold (at most <see cref="MaxListed"/>).
/// </summary>
public static class JobSummary
{
    /// <summary>The most findings listed one by one; the rest are counted.</summary>
    public const int MaxListed = 20;

    /// <summary>Writes the summary to <paramref name="path"/> (UTF-8), creating its folder.</summary>
    /// <param name="path">File to write (for <c>analyze --summary-md FILE</c>).</param>
    /// <param name="findingsJson">The findings.json bytes.</param>
    /// <param name="threshold"><c>low</c>, <c>medium</c> or <c>high</c> (<c>--fail-on</c>), or null to list every finding without a verdict.</param>
    /// <exception cref="ArgumentException">The threshold is not low, medium or high.</exception>
    public static void Write(string path, ReadOnlySpan<byte> findingsJson, string? threshold)
    {
        var markdown = Render(findingsJson, threshold);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllText(path, markdown, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    /// <summary>The summary as Markdown.</summary>
    /// <param name="findingsJson">The findings.json bytes.</param>
    /// <param name="threshold"><c>low</c>, <c>medium</c> or <c>high</c>, or null to list every finding without a verdict.</param>
    /// <exception cref="ArgumentException">The threshold is not low, medium or high.</exception>
    public static string Render(ReadOnlySpan<byte> findingsJson, string? threshold)
    {
        var rank = threshold is null ? (int?)null : CiSeverity.Parse(threshold);
        return Render(ReportDocumentReader.Read(findingsJson), threshold?.Trim().ToLowerInvariant(), rank);
    }

    internal static string Render(ReportDocument doc, string? threshold, int? rank)
    {
        var all = doc.Devices.SelectMany(d => d.Findings.Select(f => (Device: d, Finding: f))).ToList();
        var gating = all.Where(x => CiSeverity.Rank(x.Finding.Severity) >= (rank ?? 0))
            .OrderByDescending(x => CiSeverity.Rank(x.Finding.Severity))
            .ToList();
        var md = new StringBuilder();
        md.Append("## DeviceWatch: ");
        if (threshold is null)
        {
            md.Append($"{all.Count} finding(s)\n\n");
        }
        else
        {
            md.Append(gating.Count == 0
                ? $"✅ passed — no finding at or above {threshold} ({all.Count} in total)\n\n"
                : $"❌ failed — {gating.Count} finding(s) at or above {threshold} ({all.Count} in total)\n\n");
        }

        md.Append($"Captures: {Cell(doc.Captures.Count == 0 ? "none" : string.Join(", ", doc.Captures))} · {doc.Start ?? "–"} to {doc.End ?? "–"}\n\n")
            .Append("| device | high | medium | low | destinations | third-party |\n|---|---|---|---|---|---|\n");
        foreach (var d in doc.Devices)
        {
            md.Append($"| {Cell(d.Id)} | {d.Findings.Count(f => f.Severity == "high")} | {d.Findings.Count(f => f.Severity == "medium")} | " +
                      $"{d.Findings.Count(f => f.Severity == "low")} | {d.Destinations.Count} | {d.Destinations.Count(x => x.Party == "third")} |\n");
        }

        if (gating.Count > 0)
        {
            md.Append(threshold is null ? "\n### Findings\n\n" : $"\n### Findings at or above {threshold}\n\n");
            foreach (var (device, f) in gating.Take(MaxListed))
            {
                md.Append($"- **{f.Severity}** {Cell(device.Id)} `{f.Rule}`")
                    .Append(f.DataType is null ? "" : " · " + f.DataType)
                    .Append(f.Destination is null ? "" : $" → `{f.Destination}`")
                    .Append(": ").Append(f.Message.Replace('\n', ' ')).Append('\n');
            }

            if (gating.Count > MaxListed)
            {
                md.Append($"- … and {gating.Count - MaxListed} more (see findings.json or report.html)\n");
            }
        }

        return md.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ');
}
