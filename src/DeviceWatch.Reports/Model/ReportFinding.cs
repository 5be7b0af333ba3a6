namespace DeviceWatch.Reports.Model;

/// <summary>One finding of a device.</summary>
internal sealed record ReportFinding
{
    public string Rule { get; init; } = "";
    public string? DataType { get; init; }
    public string? Destination { get; init; }
    public string Severity { get; init; } = "";
    public double? Measured { get; init; }
    public double? Limit { get; init; }
    public string? Unit { get; init; }
    public string Message { get; init; } = "";
    public IReadOnlyList<ReportEvidence> Evidence { get; init; } = [];
}
