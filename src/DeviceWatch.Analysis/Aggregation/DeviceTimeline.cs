namespace DeviceWatch.Analysis.Aggregation;

/// <summary>Binned observation counts per data type for the report's timeline chart.</summary>
public sealed record DeviceTimeline
{
    /// <summary>Start of the first bin, UTC.</summary>
    public required DateTime Start { get; init; }
    /// <summary>Bin width in seconds.</summary>
    public required int BinSeconds { get; init; }
    /// <summary>One series per data type, in data type order.</summary>
    public required IReadOnlyList<TimelineSeries> Series { get; init; }
}
