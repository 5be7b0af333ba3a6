namespace DeviceWatch.Reports.Model;

/// <summary>One observation aggregate of a device.</summary>
internal sealed record ReportObservation
{
    public string DataType { get; init; } = "";
    public string Destination { get; init; } = "";
    public long Count { get; init; }
    public string First { get; init; } = "";
    public string Last { get; init; } = "";
    public long PerHourMax { get; init; }
    public double? MedianIntervalS { get; init; }
    public double? PeriodS { get; init; }
    public double? FinestPrecisionM { get; init; }
    public double LongestSpanS { get; init; }
    public IReadOnlyList<string> Phases { get; init; } = [];
    public string Transport { get; init; } = "";
    public string? Party { get; init; }
    public string? Example { get; init; }
}
