namespace DeviceWatch.Analysis.Rules;

/// <summary>Options of an <see cref="AnalysisSession"/>.</summary>
public sealed record AnalysisOptions
{
    /// <summary>Write example values unmasked (<c>--show-values</c>).</summary>
    public bool ShowValues { get; init; }
    /// <summary>Most bins in a device timeline (the bin width is chosen from 1 s … 1 day to stay below).</summary>
    public int MaxTimelineBins { get; init; } = 120;
}
