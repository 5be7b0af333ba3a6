using System.Globalization;
using System.Text;

namespace DeviceWatch.Reports.Diff;

/// <summary>Renders diff.md (for a reviewer or a CI job summary) and the short console summary of a diff.</summary>
internal static class DiffMarkdown
{
    public const string FileName = "diff.md";

    public static string Render(DiffDocument diff)
    {
        var md = new StringBuilder();
        md.Append("# DeviceWatch diff\n\n")
            .Append($"Before: `{diff.Before.Source}` ({Captures(diff.Before)})  \nAfter: `{diff.After.Source}` ({Captures(diff.After)})  \n")
            .Append($"Metric tolerance: {Percent(diff.Tolerance)}\n\n");
        if (diff.IsEmpty)
        {
            md.Append("**No differences.**\n");
            return md.ToString();
        }

        md.Append(diff.RegressionCount == 0
            ? $"**{diff.ChangeCount} difference(s), no regression.**\n"
            : $"**{diff.ChangeCount} difference(s), {diff.RegressionCount} regression(s)** (marked ⚠).\n");

        foreach (var d in diff.Devices)
        {
            md.Append($"\n## {Cell(d.Id)}\n");
            if (d.BeforeId is not null)
            {
                md.Append($"\nMatched by MAC {d.Mac} (before: {Cell(d.BeforeId)}).\n");
            }

            if (d.ChangeCount == 0)
            {
                md.Append("\nNo differences.\n");
                continue;
            }

            Section(md, "Destinations added", d.DestinationsAdded, x => $"{Mark(x.Regression)}`{x.Host}` ({x.Party} party)");
            Section(md, "Destinations removed", d.DestinationsRemoved, x => $"`{x.Host}` ({x.Party} party)");
            Section(md, "Party changed", d.PartyChanges, x => $"{Mark(x.Regression)}`{x.Host}`: {x.Before} → {x.After}");
            Section(md, "Data types added", d.DataTypesAdded, x => $"{Mark(x.Regression)}{x.DataType} → `{x.Destination}` ({x.Party ?? "unknown"} party, {x.Count} sent)");
            Section(md, "Data types removed", d.DataTypesRemoved, x => $"{x.DataType} → `{x.Destination}`");
            if (d.MetricChanges.Count > 0)
            {
                md.Append("\n### Metric changes\n\n| data type | destination | metric | before | after | change |\n|---|---|---|---|---|---|\n");
                foreach (var x in d.MetricChanges)
                {
                    md.Append($"| {x.DataType} | {Cell(x.Destination)} | {x.Metric} | {Num(x.Before)} | {Num(x.After)} | {(x.RelativeChange is { } r ? (r > 0 ? "+" : "") + Percent(r) : "new/gone")}{(x.Worse ? " (worse)" : "")} |\n");
                }
            }

            Section(md, "Findings added", d.FindingsAdded, x => $"{Mark(x.Regression)}**{x.Severity}** `{x.Rule}`{Target(x.DataType, x.Destination)}: {x.Message}");
            Section(md, "Findings removed", d.FindingsRemoved, x => $"**{x.Severity}** `{x.Rule}`{Target(x.DataType, x.Destination)}: {x.Message}");
            Section(md, "Severity changed", d.SeverityChanges, x => $"`{x.Rule}`{Target(x.DataType, x.Destination)}: {x.Before} → {x.After}");
        }

        if (diff.DevicesAdded.Count + diff.DevicesRemoved.Count > 0)
        {
            md.Append("\n## Devices on one side only (not compared)\n\n");
            foreach (var x in diff.DevicesAdded)
            {
                md.Append($"- after only: {Cell(x.Id)} ({x.Mac})\n");
            }

            foreach (var x in diff.DevicesRemoved)
            {
                md.Append($"- before only: {Cell(x.Id)} ({x.Mac})\n");
            }
        }

        return md.ToString();
    }

    /// <summary>A few lines for the console: one per device with differences, then the total.</summary>
    public static string Summary(DiffDocument diff)
    {
        var text = new StringBuilder();
        foreach (var d in diff.Devices)
        {
            if (d.ChangeCount == 0)
            {
                text.Append($"{d.Id}: no differences\n");
                continue;
            }

            var parts = new List<string>();
            Count(parts, d.DestinationsAdded.Count, "destination(s) added", d.DestinationsAdded.Count(x => x.Regression), "third-party");
            Count(parts, d.DestinationsRemoved.Count, "destination(s) removed");
            Count(parts, d.PartyChanges.Count, "party change(s)");
            Count(parts, d.DataTypesAdded.Count, "data type(s) added");
            Count(parts, d.DataTypesRemoved.Count, "data type(s) removed");
            Count(parts, d.MetricChanges.Count, "metric change(s)", d.MetricChanges.Count(x => x.Worse), "worse");
            Count(parts, d.FindingsAdded.Count, "finding(s) added");
            Count(parts, d.FindingsRemoved.Count, "finding(s) removed");
            Count(parts, d.SeverityChanges.Count, "severity change(s)");
            text.Append($"{d.Id}: {string.Join(", ", parts)}\n");
        }

        foreach (var x in diff.DevicesAdded)
        {
            text.Append($"{x.Id}: only in after (not compared)\n");
        }

        foreach (var x in diff.DevicesRemoved)
        {
            text.Append($"{x.Id}: only in before (not compared)\n");
        }

        text.Append(diff.IsEmpty ? "No differences.\n" : $"{diff.ChangeCount} difference(s), {diff.RegressionCount} regression(s).\n");
        return text.ToString();
    }

    private static void Count(List<string> parts, int count, string what, int special = 0, string? specialName = null)
    {
        if (count > 0)
        {
            parts.Add($"{count} {what}" + (special > 0 && specialName is not null ? $" ({special} {specialName})" : ""));
        }
    }

    private static void Section<T>(StringBuilder md, string title, IReadOnlyList<T> items, Func<T, string> line)
    {
        if (items.Count == 0)
        {
            return;
        }

        md.Append($"\n### {title}\n\n");
        foreach (var item in items)
        {
            md.Append("- ").Append(line(item).Replace('\n', ' ')).Append('\n');
        }
    }

    private static string Mark(bool regression) => regression ? "⚠ " : "";

    private static string Target(string? dataType, string? destination) =>
        (dataType is null ? "" : " · " + dataType) + (destination is null ? "" : $" → `{destination}`");

    private static string Captures(DiffSide side) => side.Captures.Count == 0 ? "no capture names" : string.Join(", ", side.Captures);

    private static string Num(double? value) => value is { } v ? v.ToString("0.###", CultureInfo.InvariantCulture) : "–";

    private static string Percent(double fraction) => (fraction * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ');
}
