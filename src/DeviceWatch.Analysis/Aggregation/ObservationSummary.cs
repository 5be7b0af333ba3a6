namespace DeviceWatch.Analysis.Aggregation;

/// <summary>The aggregate of one device × data type × destination (<c>devices[].observations[]</c> in findings.json).</summary>
public sealed record ObservationSummary
{
    /// <summary>Data type.</summary>
    public required string DataType { get; init; }
    /// <summary>Destination host (else IP).</summary>
    public required string Destination { get; init; }
    /// <summary>Number of observations.</summary>
    public required int Count { get; init; }
    /// <summary>First observation, UTC.</summary>
    public required DateTime First { get; init; }
    /// <summary>Last observation, UTC.</summary>
    public required DateTime Last { get; init; }
    /// <summary>Most observations in any sliding 60-minute window.</summary>
    public required int PerHourMax { get; init; }
    /// <summary>Median interval between consecutive observations, seconds; null below two.</summary>
    public double? MedianIntervalS { get; init; }
    /// <summary>Dominant period in seconds when the series is periodic, else null.</summary>
    public double? PeriodS { get; init; }
    /// <summary>Finest precision seen, metres; null when no observation carries one.</summary>
    public double? FinestPrecisionM { get; init; }
    /// <summary>Longest continuous span, seconds.</summary>
    public required double LongestSpanS { get; init; }
    /// <summary>Gap tolerance used for <see cref="LongestSpanS"/>, minutes.</summary>
    public required double ContinuityGapMinutes { get; init; }
    /// <summary>Phases in which observations happened: <c>active</c>, <c>idle</c>, <c>function-off</c>.</summary>
    public required IReadOnlyList<string> Phases { get; init; }
    /// <summary>Weakest transport seen: <c>cleartext</c>, else <c>tls-intercepted</c>, else <c>encrypted</c>.</summary>
    public required string Transport { get; init; }
    /// <summary><c>first</c>, <c>third</c>, <c>local</c> or <c>unknown</c>.</summary>
    public required string Party { get; init; }
    /// <summary>The first value, masked like observations.jsonl (unmasked only with show-values), or null.</summary>
    public string? Example { get; init; }
}
