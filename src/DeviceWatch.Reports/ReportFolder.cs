using System.Text;

namespace DeviceWatch.Reports;

/// <summary>Writes the report files of a run into the output folder.</summary>
public static class ReportFolder
{
    /// <summary>File name of the findings document.</summary>
    public const string FindingsFile = "findings.json";
    /// <summary>File name of the HTML report.</summary>
    public const string HtmlFile = "report.html";
    /// <summary>File name of the Markdown report.</summary>
    public const string MarkdownFile = "report.md";

    /// <summary>
    /// Writes <c>findings.json</c> (the given bytes, unchanged), <c>report.html</c> and <c>report.md</c> into
    /// <paramref name="outDir"/>, creating it when needed.
    /// </summary>
    public static void Write(string outDir, ReadOnlySpan<byte> findingsJson)
    {
        Directory.CreateDirectory(outDir);
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        File.WriteAllBytes(Path.Combine(outDir, FindingsFile), findingsJson.ToArray());
        File.WriteAllText(Path.Combine(outDir, HtmlFile), HtmlReport.Render(findingsJson), utf8);
        File.WriteAllText(Path.Combine(outDir, MarkdownFile), MarkdownReport.Render(findingsJson), utf8);
    }
}
