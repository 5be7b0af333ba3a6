namespace DeviceWatch.Reports.Diff;

/// <summary>Tunables of a firmware-to-firmware diff.</summary>
internal sealed record DiffOptions
{
    /// <summary>The default relative tolerance for metric changes (10%).</summary>
    public const double DefaultTolerance = 0.10;

    /// <summary>
    /// Relative change of <c>per_hour_max</c>, <c>finest_precision_m</c> or <c>longest_span_s</c> that is still
    /// "the same" (0.10 = 10%); a change larger than this is reported.
    /// </summary>
    public double Tolerance { get; init; } = DefaultTolerance;
}
