namespace DeviceWatch.Reports.Model;

/// <summary>Binned observation counts of a device.</summary>
internal sealed record ReportTimeline
{
    public string Start { get; init; } = "";
    public int BinS { get; init; }
    public IReadOnlyList<ReportTimelineSeries> Series { get; init; } = [];
}
