namespace DeviceWatch.Reports.Model;

/// <summary>One evidence reference.</summary>
internal sealed record ReportEvidence
{
    public string Ts { get; init; } = "";
    public string Uid { get; init; } = "";
    public string Field { get; init; } = "";
}
