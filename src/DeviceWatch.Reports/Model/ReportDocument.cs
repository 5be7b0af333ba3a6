namespace DeviceWatch.Reports.Model;

/// <summary>findings.json as read by the report writers.</summary>
internal sealed record ReportDocument
{
    public string Generator { get; init; } = "";
    public IReadOnlyList<string> Captures { get; init; } = [];
    public string? Start { get; init; }
    public string? End { get; init; }
    public IReadOnlyList<ReportDevice> Devices { get; init; } = [];
}
