using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using DeviceWatch.Reports.Model;

namespace DeviceWatch.Reports.Ci;

/// <summary>
/// Writes findings as JUnit XML, the format CI systems (Jenkins, GitLab, Azure DevOps, GitHub test reporters) show
/// as test results: one <c>testsuite</c> per device, one <c>testcase</c> per rule × data type checked (per rule ×
/// data type × destination where one rule fired for a data type at several destinations), and a <c>failure</c>
/// for each finding at or above the threshold severity. Findings below the threshold pass, noted in the test
/// case's <c>system-out</c>.
/// </summary>
public static class JunitReport
{
    /// <summary>
    /// Writes the JUnit XML of a findings.json document to <paramref name="path"/> (UTF-8), creating its folder.
    /// </summary>
    /// <param name="path">File to write (for <c>analyze --junit FILE</c>).</param>
    /// <param name="findingsJson">The findings.json bytes.</param>
    /// <param name="threshold"><c>low</c>, <c>medium</c> or <c>high</c>: findings at or above it are failures.</param>
    /// <exception cref="ArgumentException">The threshold is not low, medium or high.</exception>
    public static void Write(string path, ReadOnlySpan<byte> findingsJson, string threshold)
    {
        var xml = Render(findingsJson, threshold);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllText(path, xml, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    /// <summary>The JUnit XML of a findings.json document as a string.</summary>
    /// <param name="findingsJson">The findings.json bytes.</param>
    /// <param name="threshold"><c>low</c>, <c>medium</c> or <c>high</c>: findings at or above it are failures.</param>
    /// <exception cref="ArgumentException">The threshold is not low, medium or high.</exception>
    public static string Render(ReadOnlySpan<byte> findingsJson, string threshold)
    {
        var rank = CiSeverity.Parse(threshold);
        return Render(ReportDocumentReader.Read(findingsJson), threshold.Trim().ToLowerInvariant(), rank);
    }

    internal static string Render(ReportDocument doc, string threshold, int rank)
    {
        var timestamp = ReportDocumentReader.Time(doc.Start)?.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        var suites = new List<XElement>();
        var totalTests = 0;
        var totalFailures = 0;
        foreach (var device in doc.Devices)
        {
            var cases = Cases(device);
            var failures = cases.Count(c => c.Finding is { } f && CiSeverity.Rank(f.Severity) >= rank);
            totalTests += cases.Count;
            totalFailures += failures;
            var suite = new XElement("testsuite",
                new XAttribute("name", Clean(device.Id)),
                new XAttribute("tests", cases.Count),
                new XAttribute("failures", failures),
                new XAttribute("errors", 0),
                new XAttribute("skipped", 0),
                new XAttribute("time", "0"));
            if (timestamp is not null)
            {
                suite.Add(new XAttribute("timestamp", timestamp));
            }

            suite.Add(new XElement("properties",
                Property("mac", device.Mac),
                Property("category", device.Category ?? "(no profile)"),
                Property("threshold", threshold),
                Property("captures", string.Join(", ", doc.Captures))));
            foreach (var c in cases)
            {
                suite.Add(Case(device, c, rank));
            }

            suites.Add(suite);
        }

        var root = new XElement("testsuites",
            new XAttribute("name", "DeviceWatch"),
            new XAttribute("tests", totalTests),
            new XAttribute("failures", totalFailures),
            new XAttribute("errors", 0),
            new XAttribute("time", "0"),
            suites);
        var settings = new XmlWriterSettings
        {
            Indent = true,
            NewLineChars = "\n",
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        };
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, settings))
        {
            new XDocument(new XDeclaration("1.0", "UTF-8", null), root).Save(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>
    /// The test cases of a device: device-level rules, then each data type it sent with the rules checked for it;
    /// a rule that fired for a data type at several destinations gets one case per finding; findings of rules
    /// this build does not know still get a case.
    /// </summary>
    internal static IReadOnlyList<JunitCase> Cases(ReportDevice device)
    {
        var hasProfile = device.Profile is not null || device.Category is not null;
        var dataTypes = device.Observations.Select(o => o.DataType)
            .Concat(device.Findings.Select(f => f.DataType).OfType<string>())
            .Distinct(StringComparer.Ordinal)
            .OrderBy(DataTypeOrder)
            .ThenBy(t => t, StringComparer.Ordinal)
            .ToList();
        var byKey = device.Findings.GroupBy(f => (f.Rule, f.DataType)).ToDictionary(g => g.Key, g => g.ToList());
        var keys = CheckedRules.For(null, hasProfile).Select(r => (Rule: r, DataType: (string?)null))
            .Concat(dataTypes.SelectMany(t => CheckedRules.For(t, hasProfile).Select(r => (Rule: r, DataType: (string?)t))))
            .ToList();
        foreach (var extra in byKey.Keys.Where(k => !keys.Contains(k)).OrderBy(k => CheckedRules.Order(k.Rule)).ThenBy(k => k.DataType, StringComparer.Ordinal))
        {
            keys.Add(extra);
        }

        var cases = new List<JunitCase>();
        foreach (var (rule, dataType) in keys)
        {
            var findings = byKey.GetValueOrDefault((rule, dataType)) ?? [];
            if (findings.Count <= 1)
            {
                cases.Add(new JunitCase(rule, dataType, null, findings.FirstOrDefault()));
                continue;
            }

            // Several findings for one rule and data type: one case each, named by destination (numbered when a
            // destination has more than one, e.g. idle and function-off background findings).
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var finding in findings.OrderBy(f => f.Destination ?? "", StringComparer.Ordinal))
            {
                var destination = finding.Destination ?? "";
                seen[destination] = seen.GetValueOrDefault(destination) + 1;
                cases.Add(new JunitCase(rule, dataType, destination, finding, seen[destination]));
            }
        }

        return cases;
    }

    private static XElement Case(ReportDevice device, JunitCase c, int rank)
    {
        var element = new XElement("testcase",
            new XAttribute("name", Clean(c.Name)),
            new XAttribute("classname", Clean("devicewatch." + device.Id)),
            new XAttribute("time", "0"));
        if (c.Finding is not { } f)
        {
            return element;
        }

        if (CiSeverity.Rank(f.Severity) >= rank)
        {
            element.Add(new XElement("failure",
                new XAttribute("message", Clean(f.Message)),
                new XAttribute("type", Clean($"{f.Rule} ({f.Severity})")),
                Clean(Details(f))));
        }
        else
        {
            element.Add(new XElement("system-out", Clean($"Below the threshold ({f.Severity}):\n{Details(f)}")));
        }

        return element;
    }

    private static string Details(ReportFinding f)
    {
        var text = new StringBuilder();
        text.Append($"severity: {f.Severity}\nrule: {f.Rule}\n");
        if (f.DataType is not null)
        {
            text.Append($"data type: {f.DataType}\n");
        }

        if (f.Destination is not null)
        {
            text.Append($"destination: {f.Destination}\n");
        }

        if (f.Measured is not null || f.Limit is not null)
        {
            text.Append($"measured: {ReportDocumentReader.Num(f.Measured)} {f.Unit}, limit: {ReportDocumentReader.Num(f.Limit)}\n");
        }

        text.Append(f.Message).Append('\n');
        foreach (var e in f.Evidence)
        {
            text.Append($"evidence: {e.Ts} uid {e.Uid} field {e.Field}\n");
        }

        return text.ToString();
    }

    private static XElement Property(string name, string value) =>
        new("property", new XAttribute("name", name), new XAttribute("value", Clean(value)));

    private static int DataTypeOrder(string dataType)
    {
        for (var i = 0; i < Core.Analysis.DataTypes.All.Count; i++)
        {
            if (Core.Analysis.DataTypes.All[i] == dataType)
            {
                return i;
            }
        }

        return Core.Analysis.DataTypes.All.Count;
    }

    /// <summary>Drops characters XML 1.0 cannot hold (control characters from a device's bytes), so the file always parses.</summary>
    private static string Clean(string text)
    {
        if (!text.Any(ch => !XmlConvert.IsXmlChar(ch)))
        {
            return text;
        }

        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i]))
            {
                clean.Append(text[i]);
            }
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                clean.Append(text[i]).Append(text[i + 1]);
                i++;
            }
            else
            {
                clean.Append('\uFFFD');
            }
        }

        return clean.ToString();
    }
}
