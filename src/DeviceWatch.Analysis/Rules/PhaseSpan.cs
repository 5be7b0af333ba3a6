namespace DeviceWatch.Analysis.Rules;

/// <summary>A test phase as applied in the run (<c>devices[].phases[]</c>, an extension of findings.json).</summary>
public sealed record PhaseSpan
{
    /// <summary>Start, UTC.</summary>
    public required DateTime From { get; init; }
    /// <summary>End, UTC.</summary>
    public required DateTime To { get; init; }
    /// <summary><c>idle</c>, <c>function-off</c> or <c>active</c>.</summary>
    public required string State { get; init; }
    /// <summary>Functions switched off.</summary>
    public IReadOnlyList<string> Functions { get; init; } = [];
}
