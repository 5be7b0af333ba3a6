namespace DeviceWatch.Analysis.Aggregation;

/// <summary>Observation counts of one data type per time bin (all destinations together).</summary>
public sealed record TimelineSeries
{
    /// <summary>Data type.</summary>
    public required string DataType { get; init; }
    /// <summary>Count per bin, from <see cref="DeviceTimeline.Start"/>.</summary>
    public required IReadOnlyList<int> Counts { get; init; }
}
