namespace DeviceWatch.Analysis.Profiles;

/// <summary>Limits for one data type (or the <c>default</c> entry); a null field is not set at this level.</summary>
public sealed record DataTypeLimit
{
    /// <summary>Most observations allowed in any sliding 60-minute window.</summary>
    public int? MaxPerHour { get; init; }
    /// <summary>Finest precision allowed, in metres (locations).</summary>
    public double? FinestPrecisionM { get; init; }
    /// <summary>Longest continuous collection allowed, in hours.</summary>
    public double? MaxContinuousHours { get; init; }
    /// <summary>Sends no further apart than this many minutes belong to one continuous span.</summary>
    public double? ContinuityGapMinutes { get; init; }

    /// <summary>The gap tolerance used when no profile sets one: 15 minutes.</summary>
    public const double DefaultContinuityGapMinutes = 15;

    /// <summary>Field-wise: this value where set, else <paramref name="fallback"/>'s.</summary>
    public DataTypeLimit Or(DataTypeLimit? fallback) => fallback is null ? this : new DataTypeLimit
    {
        MaxPerHour = MaxPerHour ?? fallback.MaxPerHour,
        FinestPrecisionM = FinestPrecisionM ?? fallback.FinestPrecisionM,
        MaxContinuousHours = MaxContinuousHours ?? fallback.MaxContinuousHours,
        ContinuityGapMinutes = ContinuityGapMinutes ?? fallback.ContinuityGapMinutes,
    };
}
