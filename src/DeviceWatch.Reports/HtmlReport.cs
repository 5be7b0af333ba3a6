using System.Globalization;
using System.Net;
using System.Text;
using DeviceWatch.Reports.Model;

namespace DeviceWatch.Reports;

/// <summary>
/// Renders report.html from findings.json: one self-contained file (inline CSS, pure SVG charts, no script, no
/// network fetches) with a summary, then per device its findings with evidence, a timeline chart of each data
/// type and the phases, its observations (masked example values only) and its destinations.
/// </summary>
public static class HtmlReport
{
    private const int ChartWidth = 960;
    private const int LabelWidth = 170;
    private const int RowHeight = 24;

    /// <summary>Renders the report for a findings.json document.</summary>
    public static string Render(ReadOnlySpan<byte> findingsJson) => Render(ReportDocumentReader.Read(findingsJson));

    internal static string Render(ReportDocument doc)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n")
            .Append("<title>DeviceWatch report</title>\n<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n");
        html.Append("<h1>DeviceWatch report</h1>\n<p class=\"meta\">").Append(E(doc.Generator)).Append(" · captures: ")
            .Append(E(doc.Captures.Count == 0 ? "none" : string.Join(", ", doc.Captures))).Append(" · ")
            .Append(E(doc.Start ?? "–")).Append(" to ").Append(E(doc.End ?? "–")).Append("</p>\n");

        html.Append("<h2>Summary</h2>\n<table class=\"summary\"><thead><tr><th>Device</th><th>Category</th><th>MAC</th>")
            .Append("<th>Data types</th><th>High</th><th>Medium</th><th>Low</th></tr></thead><tbody>\n");
        foreach (var d in doc.Devices)
        {
            html.Append("<tr><td><a href=\"#dev-").Append(Anchor(d.Id)).Append("\">").Append(E(d.Id)).Append("</a></td><td>")
                .Append(E(d.Category ?? "(no profile)")).Append("</td><td>").Append(E(d.Mac)).Append("</td><td>")
                .Append(E(string.Join(", ", d.Observations.Select(o => o.DataType).Distinct()))).Append("</td>");
            foreach (var sev in new[] { "high", "medium", "low" })
            {
                var n = d.Findings.Count(f => f.Severity == sev);
                html.Append("<td class=\"").Append(n > 0 ? sev : "none").Append("\">").Append(n).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody></table>\n");
        foreach (var d in doc.Devices)
        {
            RenderDevice(html, doc, d);
        }

        html.Append("<footer>Personal values are masked. Evidence points into the JSONL logs by time, flow uid and field.</footer>\n");
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void RenderDevice(StringBuilder html, ReportDocument doc, ReportDevice d)
    {
        html.Append("<section class=\"device\" id=\"dev-").Append(Anchor(d.Id)).Append("\">\n<h2>").Append(E(d.Id)).Append("</h2>\n<p class=\"meta\">")
            .Append("MAC ").Append(E(d.Mac.Length > 0 ? d.Mac : "unknown")).Append(" · category ").Append(E(d.Category ?? "none (no profile)"))
            .Append(d.Profile is null ? "" : " · profile " + E(d.Profile))
            .Append(" · first party: ").Append(E(d.FirstParty.Count == 0 ? "unknown" : string.Join(", ", d.FirstParty)))
            .Append(d.FirstPartyInferred ? " (inferred)" : "").Append("</p>\n");

        html.Append("<h3>Findings</h3>\n");
        if (d.Findings.Count == 0)
        {
            html.Append("<p class=\"ok\">No findings.</p>\n");
        }
        else
        {
            html.Append("<table class=\"findings\"><thead><tr><th>Severity</th><th>Rule</th><th>Data type</th><th>Destination</th>")
                .Append("<th>Measured</th><th>Limit</th><th>Finding</th><th>Evidence (time · flow uid · field)</th></tr></thead><tbody>\n");
            foreach (var f in d.Findings)
            {
                html.Append("<tr class=\"finding\"><td class=\"").Append(E(f.Severity)).Append("\">").Append(E(f.Severity)).Append("</td><td><code>")
                    .Append(E(f.Rule)).Append("</code></td><td>").Append(E(f.DataType ?? "–")).Append("</td><td>").Append(E(f.Destination ?? "–"))
                    .Append("</td><td>").Append(E(ReportDocumentReader.Num(f.Measured))).Append(' ').Append(E(f.Unit ?? ""))
                    .Append("</td><td>").Append(E(ReportDocumentReader.Num(f.Limit))).Append("</td><td>").Append(E(f.Message)).Append("</td><td><ul>");
                foreach (var e in f.Evidence)
                {
                    html.Append("<li>").Append(E(e.Ts)).Append(" · <code>").Append(E(e.Uid)).Append("</code> · <code>").Append(E(e.Field)).Append("</code></li>");
                }

                html.Append("</ul></td></tr>\n");
            }

            html.Append("</tbody></table>\n");
        }

        html.Append("<h3>Timeline</h3>\n");
        Timeline(html, doc, d);

        html.Append("<h3>Observations</h3>\n");
        if (d.Observations.Count == 0)
        {
            html.Append("<p>No personal information observed.</p>\n");
        }
        else
        {
            html.Append("<table><thead><tr><th>Data type</th><th>Destination</th><th>Party</th><th>Count</th><th>Per hour max</th>")
                .Append("<th>Median interval s</th><th>Period s</th><th>Finest precision m</th><th>Longest span s</th><th>Phases</th>")
                .Append("<th>Transport</th><th>Example (masked)</th></tr></thead><tbody>\n");
            foreach (var o in d.Observations)
            {
                html.Append("<tr><td>").Append(E(o.DataType)).Append("</td><td>").Append(E(o.Destination)).Append("</td><td>").Append(E(o.Party ?? ""))
                    .Append("</td><td>").Append(o.Count).Append("</td><td>").Append(o.PerHourMax).Append("</td><td>")
                    .Append(E(ReportDocumentReader.Num(o.MedianIntervalS))).Append("</td><td>").Append(E(ReportDocumentReader.Num(o.PeriodS)))
                    .Append("</td><td>").Append(E(ReportDocumentReader.Num(o.FinestPrecisionM))).Append("</td><td>")
                    .Append(E(ReportDocumentReader.Num(o.LongestSpanS))).Append("</td><td>").Append(E(string.Join(", ", o.Phases)))
                    .Append("</td><td>").Append(E(o.Transport)).Append("</td><td><code>").Append(E(o.Example ?? "")).Append("</code></td></tr>\n");
            }

            html.Append("</tbody></table>\n");
        }

        html.Append("<h3>Destinations</h3>\n");
        if (d.Destinations.Count == 0)
        {
            html.Append("<p>No flows recorded.</p>\n");
        }
        else
        {
            html.Append("<table><thead><tr><th>Host</th><th>Party</th><th>Flows</th><th>Bytes up</th><th>Bytes down</th><th>Encrypted</th></tr></thead><tbody>\n");
            foreach (var dest in d.Destinations)
            {
                html.Append("<tr><td>").Append(E(dest.Host)).Append("</td><td>").Append(E(dest.Party)).Append("</td><td>").Append(dest.Flows)
                    .Append("</td><td>").Append(dest.BytesUp).Append("</td><td>").Append(dest.BytesDown).Append("</td><td>")
                    .Append(dest.Encrypted ? "yes" : "<span class=\"high\">no</span>").Append("</td></tr>\n");
            }

            html.Append("</tbody></table>\n");
        }

        html.Append("</section>\n");
    }

    private static void Timeline(StringBuilder html, ReportDocument doc, ReportDevice d)
    {
        var start = ReportDocumentReader.Time(doc.Start);
        var end = ReportDocumentReader.Time(doc.End);
        if (d.Timeline is null || start is null || end is null || d.Timeline.Series.Count == 0)
        {
            html.Append("<p>No observations to chart.</p>\n");
            return;
        }

        var total = Math.Max((end.Value - start.Value).TotalSeconds, 1);
        var plot = ChartWidth - LabelWidth - 10;
        double X(DateTime t) => LabelWidth + Math.Clamp((t - start.Value).TotalSeconds / total, 0, 1) * plot;
        var rows = d.Timeline.Series.Count;
        var height = rows * RowHeight + 36;
        var svg = new StringBuilder();
        svg.Append("<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(ChartWidth).Append("\" height=\"").Append(height)
            .Append("\" viewBox=\"0 0 ").Append(ChartWidth).Append(' ').Append(height).Append("\" role=\"img\" aria-label=\"timeline of ").Append(E(d.Id)).Append("\">");
        foreach (var p in d.Phases)
        {
            var from = ReportDocumentReader.Time(p.From);
            var to = ReportDocumentReader.Time(p.To);
            if (from is null || to is null)
            {
                continue;
            }

            var x0 = X(from.Value);
            var x1 = X(to.Value);
            svg.Append("<rect class=\"phase-").Append(E(p.State)).Append("\" x=\"").Append(F(x0)).Append("\" y=\"0\" width=\"").Append(F(Math.Max(x1 - x0, 1)))
                .Append("\" height=\"").Append(rows * RowHeight).Append("\"><title>").Append(E(p.State))
                .Append(p.Functions.Count > 0 ? " (" + E(string.Join(", ", p.Functions)) + ")" : "")
                .Append(' ').Append(E(p.From)).Append(" – ").Append(E(p.To)).Append("</title></rect>");
        }

        var tlStart = ReportDocumentReader.Time(d.Timeline.Start) ?? start.Value;
        for (var r = 0; r < rows; r++)
        {
            var series = d.Timeline.Series[r];
            var y = r * RowHeight;
            var max = Math.Max(series.Counts.DefaultIfEmpty(0).Max(), 1);
            svg.Append("<text x=\"4\" y=\"").Append(y + 16).Append("\">").Append(E(series.DataType)).Append("</text>");
            svg.Append("<line class=\"row\" x1=\"").Append(LabelWidth).Append("\" x2=\"").Append(ChartWidth - 10).Append("\" y1=\"").Append(y + RowHeight - 2)
                .Append("\" y2=\"").Append(y + RowHeight - 2).Append("\"/>");
            for (var b = 0; b < series.Counts.Count; b++)
            {
                var count = series.Counts[b];
                if (count == 0)
                {
                    continue;
                }

                var binStart = tlStart.AddSeconds((double)b * d.Timeline.BinS);
                var x0 = X(binStart);
                var x1 = X(binStart.AddSeconds(d.Timeline.BinS));
                var h = Math.Max(2, (RowHeight - 6) * count / (double)max);
                svg.Append("<rect class=\"bar\" x=\"").Append(F(x0)).Append("\" y=\"").Append(F(y + RowHeight - 2 - h)).Append("\" width=\"")
                    .Append(F(Math.Max(x1 - x0 - 0.5, 1))).Append("\" height=\"").Append(F(h)).Append("\"><title>").Append(E(series.DataType)).Append(": ")
                    .Append(count).Append(" from ").Append(E(binStart.ToString("yyyy-MM-ddTHH:mm:ss'Z'", CultureInfo.InvariantCulture))).Append("</title></rect>");
            }
        }

        var axisY = rows * RowHeight + 14;
        for (var k = 0; k <= 4; k++)
        {
            var t = start.Value.AddSeconds(total * k / 4);
            var x = X(t);
            var anchor = k == 0 ? "start" : k == 4 ? "end" : "middle";
            svg.Append("<text class=\"axis\" text-anchor=\"").Append(anchor).Append("\" x=\"").Append(F(x)).Append("\" y=\"").Append(axisY).Append("\">")
                .Append(t.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture)).Append("</text>");
        }

        svg.Append("<text class=\"axis\" x=\"").Append(LabelWidth).Append("\" y=\"").Append(axisY + 16).Append("\">bars: observations per ")
            .Append(d.Timeline.BinS).Append(" s (UTC) · grey: idle · orange: function-off</text>");
        svg.Append("</svg>\n");
        html.Append(svg);
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Anchor(string id) => new(id.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());

    private const string Css = """
        body { font: 14px/1.4 system-ui, sans-serif; margin: 2em; color: #222; }
        h1 { margin-bottom: 0.2em; } h2 { border-bottom: 1px solid #ccc; padding-bottom: 0.2em; margin-top: 2em; }
        .meta { color: #555; } table { border-collapse: collapse; margin: 0.5em 0 1em; }
        th, td { border: 1px solid #ddd; padding: 4px 6px; text-align: left; vertical-align: top; }
        th { background: #f4f4f4; } td ul { margin: 0; padding-left: 1.1em; } code { font-size: 12px; }
        .findings td:last-child { white-space: nowrap; font-size: 12px; }
        .high { color: #fff; background: #c62828; font-weight: bold; } .medium { background: #f9a825; }
        .low { background: #bbdefb; } .none { color: #999; } .ok { color: #2e7d32; font-weight: bold; }
        svg.timeline { border: 1px solid #ddd; background: #fff; } svg text { font-size: 12px; fill: #333; }
        svg text.axis { font-size: 11px; fill: #666; } svg .bar { fill: #1565c0; } svg .row { stroke: #eee; }
        svg .phase-idle { fill: #e0e0e0; } svg .phase-function-off { fill: #ffe0b2; } svg .phase-active { fill: #f1f8e9; }
        footer { margin-top: 3em; color: #777; font-size: 12px; }

        """;
}
