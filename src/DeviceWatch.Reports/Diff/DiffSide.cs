namespace DeviceWatch.Reports.Diff;

/// <summary>One side (before or after) of a diff: where its findings came from and what it covered.</summary>
internal sealed record DiffSide
{
    /// <summary>The file the findings were read from (findings.json or session.db).</summary>
    public required string Source { get; init; }
    public string Generator { get; init; } = "";
    public IReadOnlyList<string> Captures { get; init; } = [];
    public string? Start { get; init; }
    public string? End { get; init; }
}
