namespace DeviceWatch.Reports.Model;

/// <summary>One test phase of a device.</summary>
internal sealed record ReportPhase
{
    public string From { get; init; } = "";
    public string To { get; init; } = "";
    public string State { get; init; } = "";
    public IReadOnlyList<string> Functions { get; init; } = [];
}
