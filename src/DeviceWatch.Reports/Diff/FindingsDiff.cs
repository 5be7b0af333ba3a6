using DeviceWatch.Core.Analysis;
using DeviceWatch.Reports.Model;

namespace DeviceWatch.Reports.Diff;

/// <summary>
/// Compares two findings.json documents of the same device(s) — typically firmware N and N+1 run through the
/// same test script — device by device: destinations, data types per destination, the frequency, precision and
/// duration metrics of each data type × destination, and findings.
/// </summary>
internal static class FindingsDiff
{
    public const string PerHourMax = "per_hour_max";
    public const string FinestPrecisionM = "finest_precision_m";
    public const string LongestSpanS = "longest_span_s";
    private const string ThirdParty = "third";

    public static DiffDocument Compute(ReportDocument before, DiffSide beforeSide, ReportDocument after, DiffSide afterSide, DiffOptions options)
    {
        // 1. Pair devices: by id, then the rest by MAC (a device seen without its profile on one side has its MAC as id).
        var pairs = new List<(ReportDevice Before, ReportDevice After)>();
        var unmatchedBefore = before.Devices.ToList();
        var unmatchedAfter = new List<ReportDevice>();
        foreach (var device in after.Devices)
        {
            var match = unmatchedBefore.FirstOrDefault(b => string.Equals(b.Id, device.Id, StringComparison.Ordinal));
            if (match is null)
            {
                unmatchedAfter.Add(device);
                continue;
            }

            unmatchedBefore.Remove(match);
            pairs.Add((match, device));
        }

        foreach (var device in unmatchedAfter.ToList())
        {
            var match = device.Mac.Length == 0 ? null : unmatchedBefore.FirstOrDefault(b => string.Equals(b.Mac, device.Mac, StringComparison.OrdinalIgnoreCase));
            if (match is not null)
            {
                unmatchedBefore.Remove(match);
                unmatchedAfter.Remove(device);
                pairs.Add((match, device));
            }
        }

        // 2. Compare each pair, in after-side order.
        return new DiffDocument
        {
            Before = beforeSide,
            After = afterSide,
            Tolerance = options.Tolerance,
            Devices = pairs.OrderBy(p => IndexOf(after.Devices, p.After)).Select(p => CompareDevice(p.Before, p.After, options)).ToArray(),
            DevicesRemoved = unmatchedBefore.Select(d => new DiffDeviceRef(d.Id, d.Mac)).ToArray(),
            DevicesAdded = unmatchedAfter.Select(d => new DiffDeviceRef(d.Id, d.Mac)).ToArray(),
        };
    }

    internal static DeviceDiff CompareDevice(ReportDevice before, ReportDevice after, DiffOptions options)
    {
        var destinationsBefore = before.Destinations.GroupBy(d => d.Host, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var destinationsAfter = after.Destinations.GroupBy(d => d.Host, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var observationsBefore = ObservationsByKey(before);
        var observationsAfter = ObservationsByKey(after);
        var (findingsAdded, findingsRemoved, severityChanges) = CompareFindings(before.Findings, after.Findings);

        return new DeviceDiff
        {
            Id = after.Id,
            Mac = after.Mac.Length > 0 ? after.Mac : before.Mac,
            BeforeId = string.Equals(before.Id, after.Id, StringComparison.Ordinal) ? null : before.Id,
            DestinationsAdded = destinationsAfter.Values.Where(d => !destinationsBefore.ContainsKey(d.Host)).OrderBy(d => d.Host, StringComparer.Ordinal)
                .Select(d => new DestinationChange(d.Host, d.Party, d.Party == ThirdParty)).ToArray(),
            DestinationsRemoved = destinationsBefore.Values.Where(d => !destinationsAfter.ContainsKey(d.Host)).OrderBy(d => d.Host, StringComparer.Ordinal)
                .Select(d => new DestinationChange(d.Host, d.Party, false)).ToArray(),
            PartyChanges = destinationsAfter.Values
                .Where(d => destinationsBefore.TryGetValue(d.Host, out var b) && !string.Equals(b.Party, d.Party, StringComparison.Ordinal))
                .OrderBy(d => d.Host, StringComparer.Ordinal)
                .Select(d => new PartyChange(d.Host, destinationsBefore[d.Host].Party, d.Party, d.Party == ThirdParty)).ToArray(),
            DataTypesAdded = SortByType(observationsAfter.Where(kv => !observationsBefore.ContainsKey(kv.Key)).Select(kv => kv.Value))
                .Select(o => new DataTypeChange(o.DataType, o.Destination, PartyOf(o, destinationsAfter), o.Count, o.DataType != DataTypes.Opaque)).ToArray(),
            DataTypesRemoved = SortByType(observationsBefore.Where(kv => !observationsAfter.ContainsKey(kv.Key)).Select(kv => kv.Value))
                .Select(o => new DataTypeChange(o.DataType, o.Destination, PartyOf(o, destinationsBefore), o.Count, false)).ToArray(),
            MetricChanges = SortByType(observationsAfter.Where(kv => observationsBefore.ContainsKey(kv.Key)).Select(kv => kv.Value))
                .SelectMany(o => CompareMetrics(observationsBefore[(o.DataType, o.Destination)], o, options.Tolerance)).ToArray(),
            FindingsAdded = findingsAdded,
            FindingsRemoved = findingsRemoved,
            SeverityChanges = severityChanges,
        };
    }

    /// <summary>The three metric changes beyond <paramref name="tolerance"/> (relative) of one data type × destination.</summary>
    internal static IEnumerable<MetricChange> CompareMetrics(ReportObservation before, ReportObservation after, double tolerance)
    {
        if (Change(before.PerHourMax, after.PerHourMax, tolerance) is { } perHour)
        {
            yield return new MetricChange(after.DataType, after.Destination, PerHourMax, before.PerHourMax, after.PerHourMax, Relative(perHour), after.PerHourMax > before.PerHourMax);
        }

        if (Change(before.FinestPrecisionM, after.FinestPrecisionM, tolerance) is { } precision)
        {
            // Finer is worse: a smaller number of metres, or a precision where there was none.
            var worse = after.FinestPrecisionM is { } a && (before.FinestPrecisionM is not { } b || a < b);
            yield return new MetricChange(after.DataType, after.Destination, FinestPrecisionM, before.FinestPrecisionM, after.FinestPrecisionM, Relative(precision), worse);
        }

        if (Change(before.LongestSpanS, after.LongestSpanS, tolerance) is { } span)
        {
            yield return new MetricChange(after.DataType, after.Destination, LongestSpanS, before.LongestSpanS, after.LongestSpanS, Relative(span), after.LongestSpanS > before.LongestSpanS);
        }
    }

    /// <summary>
    /// Null when the values are the same within <paramref name="tolerance"/>; otherwise the relative change
    /// (NaN when it has none: before is 0 or one side has no value).
    /// </summary>
    internal static double? Change(double? before, double? after, double tolerance)
    {
        switch (before, after)
        {
            case (null, null):
                return null;
            case (null, _) or (_, null):
                return double.NaN;
        }

        var (b, a) = (before!.Value, after!.Value);
        if (b == 0)
        {
            return a == 0 ? null : double.NaN;
        }

        var relative = (a - b) / Math.Abs(b);
        return Math.Abs(relative) > tolerance + 1e-9 ? relative : null;
    }

    private static int IndexOf(IReadOnlyList<ReportDevice> devices, ReportDevice device)
    {
        for (var i = 0; i < devices.Count; i++)
        {
            if (ReferenceEquals(devices[i], device))
            {
                return i;
            }
        }

        return devices.Count;
    }

    private static double? Relative(double change) => double.IsNaN(change) ? null : change;

    private static Dictionary<(string DataType, string Destination), ReportObservation> ObservationsByKey(ReportDevice device)
    {
        var map = new Dictionary<(string, string), ReportObservation>();
        foreach (var o in device.Observations)
        {
            map.TryAdd((o.DataType, o.Destination), o);
        }

        return map;
    }

    private static IEnumerable<ReportObservation> SortByType(IEnumerable<ReportObservation> observations) =>
        observations.OrderBy(o => TypeIndex(o.DataType)).ThenBy(o => o.DataType, StringComparer.Ordinal).ThenBy(o => o.Destination, StringComparer.Ordinal);

    private static string? PartyOf(ReportObservation o, Dictionary<string, ReportDestination> destinations) =>
        o.Party ?? (destinations.TryGetValue(o.Destination, out var d) ? d.Party : null);

    private static int TypeIndex(string? dataType)
    {
        if (dataType is null)
        {
            return -1;
        }

        for (var i = 0; i < DataTypes.All.Count; i++)
        {
            if (DataTypes.All[i] == dataType)
            {
                return i;
            }
        }

        return DataTypes.All.Count;
    }

    private static int SeverityRank(string severity) => severity switch
    {
        "high" => 2,
        "medium" => 1,
        _ => 0,
    };

    /// <summary>
    /// Pairs findings by rule × data type × destination (most severe first within a key); the unpaired ones on the
    /// after side appeared, those on the before side disappeared, pairs of different severity changed.
    /// </summary>
    private static (FindingChange[] Added, FindingChange[] Removed, SeverityChange[] Changed) CompareFindings(IReadOnlyList<ReportFinding> before, IReadOnlyList<ReportFinding> after)
    {
        var added = new List<FindingChange>();
        var removed = new List<FindingChange>();
        var changed = new List<SeverityChange>();
        var beforeByKey = before.GroupBy(Key).ToDictionary(g => g.Key, g => g.OrderByDescending(f => SeverityRank(f.Severity)).ToList());
        foreach (var group in after.GroupBy(Key))
        {
            var afterList = group.OrderByDescending(f => SeverityRank(f.Severity)).ToList();
            var beforeList = beforeByKey.GetValueOrDefault(group.Key) ?? [];
            for (var i = 0; i < afterList.Count; i++)
            {
                var f = afterList[i];
                if (i >= beforeList.Count)
                {
                    added.Add(new FindingChange(f.Rule, f.DataType, f.Destination, f.Severity, f.Message, Regression: true));
                }
                else if (!string.Equals(beforeList[i].Severity, f.Severity, StringComparison.Ordinal))
                {
                    changed.Add(new SeverityChange(f.Rule, f.DataType, f.Destination, beforeList[i].Severity, f.Severity));
                }
            }

            beforeByKey[group.Key] = beforeList.Skip(afterList.Count).ToList();
        }

        foreach (var f in beforeByKey.Values.SelectMany(l => l))
        {
            removed.Add(new FindingChange(f.Rule, f.DataType, f.Destination, f.Severity, f.Message, Regression: false));
        }

        return (SortFindings(added), SortFindings(removed),
            changed.OrderBy(c => c.Rule, StringComparer.Ordinal).ThenBy(c => TypeIndex(c.DataType)).ThenBy(c => c.Destination ?? "", StringComparer.Ordinal).ToArray());
    }

    private static (string Rule, string DataType, string Destination) Key(ReportFinding f) => (f.Rule, f.DataType ?? "", f.Destination ?? "");

    private static FindingChange[] SortFindings(IEnumerable<FindingChange> findings) =>
        findings.OrderByDescending(f => SeverityRank(f.Severity))
            .ThenBy(f => f.Rule, StringComparer.Ordinal)
            .ThenBy(f => TypeIndex(f.DataType))
            .ThenBy(f => f.Destination ?? "", StringComparer.Ordinal)
            .ToArray();
}
