namespace DeviceWatch.Reports.Model;

/// <summary>Counts of one data type per bin.</summary>
internal sealed record ReportTimelineSeries
{
    public string DataType { get; init; } = "";
    public IReadOnlyList<int> Counts { get; init; } = [];
}
