namespace DeviceWatch.Analysis.Profiles;

/// <summary>A test phase of a device: <c>[From, To)</c> in UTC.</summary>
public sealed record ProfilePhase
{
    /// <summary>Start (inclusive), UTC.</summary>
    public required DateTime From { get; init; }
    /// <summary>End (exclusive), UTC.</summary>
    public required DateTime To { get; init; }
    /// <summary>The state during the phase.</summary>
    public required PhaseState State { get; init; }
    /// <summary>Functions switched off (for <see cref="PhaseState.FunctionOff"/>).</summary>
    public IReadOnlyList<string> Functions { get; init; } = [];

    /// <summary>True when <paramref name="utc"/> lies inside the phase.</summary>
    public bool Contains(DateTime utc) => utc >= From && utc < To;
}
