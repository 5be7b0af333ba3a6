using DeviceWatch.Analysis.Aggregation;
using DeviceWatch.Analysis.Profiles;
using DeviceWatch.Core.Analysis;

namespace DeviceWatch.Analysis.Rules;

/// <summary>One sorted series with its aggregate and what the rules need to pick evidence.</summary>
internal sealed class SeriesContext
{
    public required SeriesBuffer Buffer { get; init; }
    public required ObservationSummary Summary { get; init; }
    public required DataTypeLimit Limit { get; init; }
    /// <summary>Per observation: index into the device's phases, or -1 when active.</summary>
    public required int[] PhaseIndex { get; init; }
    public required int PeakStart { get; init; }
    public required int SpanStart { get; init; }
    public required int SpanEnd { get; init; }
    public required StringTable Strings { get; init; }

    public string DataType => Buffer.DataType;
    public string Destination => Buffer.Destination;
    public bool IsOpaque => DataType == DataTypes.Opaque;

    public EvidenceRef EvidenceAt(int i) =>
        new(new DateTime(Buffer.Tick(i), DateTimeKind.Utc), Strings[Buffer.UidId(i)], Strings[Buffer.FieldId(i)]);

    /// <summary>
    /// A finding that counts <paramref name="count"/> observations of this series where none is allowed (limit 0,
    /// unit <c>observations</c>), with evidence from <paramref name="evidence"/>.
    /// </summary>
    public Finding ObservationCountFinding(string rule, Severity severity, int count, IEnumerable<int> evidence, string message) => new()
    {
        Rule = rule,
        DataType = DataType,
        Destination = Destination,
        Severity = severity,
        Measured = count,
        Limit = 0,
        Unit = "observations",
        Message = message,
        Evidence = Evidence(evidence),
    };

    /// <summary><see cref="ObservationCountFinding"/> over every observation of the series.</summary>
    public Finding AllObservationsFinding(string rule, Severity severity, string message) =>
        ObservationCountFinding(rule, severity, Summary.Count, Enumerable.Range(0, Summary.Count), message);

    /// <summary>Up to five evidence references for the given observation indexes (in their order).</summary>
    public IReadOnlyList<EvidenceRef> Evidence(IEnumerable<int> indexes) => indexes.Take(5).Select(EvidenceAt).ToArray();

    /// <summary>Five indexes spread evenly over <c>[start, end]</c>, first and last included.</summary>
    public static IEnumerable<int> Spread(int start, int end)
    {
        var n = end - start + 1;
        if (n <= 5)
        {
            return Enumerable.Range(start, n);
        }

        return Enumerable.Range(0, 5).Select(k => start + (int)((long)k * (n - 1) / 4));
    }
}
