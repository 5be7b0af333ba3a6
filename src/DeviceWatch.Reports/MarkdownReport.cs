using System.Text;
using DeviceWatch.Reports.Model;

namespace DeviceWatch.Reports;

/// <summary>Renders report.md from findings.json: per device, findings with evidence, observations and destinations.</summary>
public static class MarkdownReport
{
    /// <summary>Renders the report for a findings.json document.</summary>
    public static string Render(ReadOnlySpan<byte> findingsJson) => Render(ReportDocumentReader.Read(findingsJson));

    internal static string Render(ReportDocument doc)
    {
        var md = new StringBuilder();
        md.Append("# DeviceWatch report\n\n")
            .Append($"{doc.Generator} · captures: {Cell(doc.Captures.Count == 0 ? "none" : string.Join(", ", doc.Captures))} · {doc.Start ?? "–"} to {doc.End ?? "–"}\n\n")
            .Append("| Device | Category | MAC | High | Medium | Low |\n|---|---|---|---|---|---|\n");
        foreach (var d in doc.Devices)
        {
            md.Append($"| {Cell(d.Id)} | {Cell(d.Category ?? "(no profile)")} | {d.Mac} | {d.Findings.Count(f => f.Severity == "high")} | " +
                      $"{d.Findings.Count(f => f.Severity == "medium")} | {d.Findings.Count(f => f.Severity == "low")} |\n");
        }

        foreach (var d in doc.Devices)
        {
            md.Append($"\n## {d.Id}\n\nMAC {(d.Mac.Length > 0 ? d.Mac : "unknown")} · category {d.Category ?? "none (no profile)"}")
                .Append($" · first party: {(d.FirstParty.Count == 0 ? "unknown" : string.Join(", ", d.FirstParty))}{(d.FirstPartyInferred ? " (inferred)" : "")}\n\n");
            if (d.Phases.Count > 0)
            {
                md.Append("Phases: ").Append(string.Join("; ", d.Phases.Select(p =>
                    $"{p.State}{(p.Functions.Count > 0 ? " (" + string.Join(", ", p.Functions) + ")" : "")} {p.From} – {p.To}"))).Append("\n\n");
            }

            md.Append("### Findings\n\n");
            if (d.Findings.Count == 0)
            {
                md.Append("No findings.\n");
            }

            foreach (var f in d.Findings)
            {
                md.Append($"- **{f.Severity}** `{f.Rule}`");
                if (f.DataType is not null)
                {
                    md.Append($" · {f.DataType}");
                }

                if (f.Destination is not null)
                {
                    md.Append($" → {f.Destination}");
                }

                md.Append($" · measured {ReportDocumentReader.Num(f.Measured)} {f.Unit}, limit {ReportDocumentReader.Num(f.Limit)}\n  {f.Message}\n");
                foreach (var e in f.Evidence)
                {
                    md.Append($"  - {e.Ts} · `{e.Uid}` · `{e.Field}`\n");
                }
            }

            if (d.Observations.Count > 0)
            {
                md.Append("\n### Observations\n\n| Data type | Destination | Party | Count | Per hour max | Median interval s | Finest precision m | Longest span s | Phases | Transport | Example (masked) |\n")
                    .Append("|---|---|---|---|---|---|---|---|---|---|---|\n");
                foreach (var o in d.Observations)
                {
                    md.Append($"| {o.DataType} | {Cell(o.Destination)} | {o.Party} | {o.Count} | {o.PerHourMax} | {ReportDocumentReader.Num(o.MedianIntervalS)} | " +
                              $"{ReportDocumentReader.Num(o.FinestPrecisionM)} | {ReportDocumentReader.Num(o.LongestSpanS)} | {string.Join(", ", o.Phases)} | {o.Transport} | " +
                              $"{(o.Example is null ? "" : "`" + Cell(o.Example) + "`")} |\n");
                }
            }

            if (d.Destinations.Count > 0)
            {
                md.Append("\n### Destinations\n\n| Host | Party | Flows | Bytes up | Bytes down | Encrypted |\n|---|---|---|---|---|---|\n");
                foreach (var dest in d.Destinations)
                {
                    md.Append($"| {Cell(dest.Host)} | {dest.Party} | {dest.Flows} | {dest.BytesUp} | {dest.BytesDown} | {(dest.Encrypted ? "yes" : "no")} |\n");
                }
            }
        }

        return md.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
