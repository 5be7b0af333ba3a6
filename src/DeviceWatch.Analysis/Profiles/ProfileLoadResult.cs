namespace DeviceWatch.Analysis.Profiles;

/// <summary>The outcome of <see cref="ProfileLoader.Load"/>: a profile set, or the errors that reject it.</summary>
public sealed record ProfileLoadResult
{
    /// <summary>The loaded profiles; null when <see cref="Errors"/> is not empty.</summary>
    public ProfileSet? Profiles { get; init; }
    /// <summary>Every problem found, in file order.</summary>
    public IReadOnlyList<ProfileError> Errors { get; init; } = [];
    /// <summary>True when the profiles are valid.</summary>
    public bool IsValid => Errors.Count == 0 && Profiles is not null;
}
