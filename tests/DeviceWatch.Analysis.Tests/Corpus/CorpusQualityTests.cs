using System.Globalization;
using System.Text;
using DeviceWatch.Analysis.Observations;
using DeviceWatch.Core.Analysis;
using Xunit.Abstractions;

namespace DeviceWatch.Analysis.Tests.Corpus;

public sealed class CorpusQualityTests(ITestOutputHelper output)
{
    private const double MinPrecision = 0.95;
    private const double MinRecall = 0.90;

    [Fact]
    public void Corpus_EveryDataType_MeetsPrecisionAndRecall()
    {
        var corpus = new CorpusGenerator(seed: 20260301, perFamily: 40).Generate();
        var inspector = new PayloadInspector();
        var context = DeviceInspectionContext.Anonymous("dev");
        var stats = DataTypes.All.Where(t => t != DataTypes.Opaque).ToDictionary(t => t, _ => new int[3]); // tp, fp, fn
        var mistakes = new List<string>();
        foreach (var item in corpus)
        {
            var found = inspector.Inspect(item.Payload, context).Select(o => o.DataType).ToHashSet(StringComparer.Ordinal);
            foreach (var (type, s) in stats)
            {
                var expected = item.Labels.Contains(type);
                var got = found.Contains(type);
                if (expected && got)
                {
                    s[0]++;
                }
                else if (got)
                {
                    s[1]++;
                    mistakes.Add($"FP {type}: {item.Family}/{item.Description}");
                }
                else if (expected)
                {
                    s[2]++;
                    mistakes.Add($"FN {type}: {item.Family}/{item.Description}");
                }
            }
        }

        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"corpus: {corpus.Count} payloads");
        table.AppendLine("| data type | positives | TP | FP | FN | precision | recall |");
        table.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        var failures = new List<string>();
        foreach (var (type, s) in stats)
        {
            var positives = s[0] + s[2];
            var precision = s[0] + s[1] == 0 ? 1.0 : (double)s[0] / (s[0] + s[1]);
            var recall = positives == 0 ? 0.0 : (double)s[0] / positives;
            table.AppendLine(CultureInfo.InvariantCulture, $"| {type} | {positives} | {s[0]} | {s[1]} | {s[2]} | {precision:F3} | {recall:F3} |");
            if (positives < 40 || precision < MinPrecision || recall < MinRecall)
            {
                failures.Add($"{type}: positives {positives}, precision {precision:F3}, recall {recall:F3}");
            }
        }

        output.WriteLine(table.ToString());
        foreach (var group in mistakes.GroupBy(m => m).OrderByDescending(g => g.Count()).Take(40))
        {
            output.WriteLine($"{group.Count(),4} × {group.Key}");
        }

        Assert.True(failures.Count == 0, "below target: " + string.Join("; ", failures));
    }

    [Fact]
    public void Corpus_SameSeed_SamePayloads()
    {
        var a = new CorpusGenerator(7, 2).Generate();
        var b = new CorpusGenerator(7, 2).Generate();
        Assert.Equal(a.Count, b.Count);
        for (var i = 0; i < a.Count; i++)
        {
            Assert.True(a[i].Payload.Body.Span.SequenceEqual(b[i].Payload.Body.Span));
            Assert.Equal(a[i].Payload.Url, b[i].Payload.Url);
        }
    }
}
