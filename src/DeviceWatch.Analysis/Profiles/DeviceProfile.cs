namespace DeviceWatch.Analysis.Profiles;

/// <summary>A device under test (<c>profiles/devices/*.yaml</c>).</summary>
public sealed record DeviceProfile
{
    /// <summary>Device id used in every output.</summary>
    public required string Id { get; init; }
    /// <summary>Category id.</summary>
    public required string Category { get; init; }
    /// <summary>How the device is recognised.</summary>
    public required DeviceMatch Match { get; init; }
    /// <summary>First-party domain suffixes.</summary>
    public IReadOnlyList<string> FirstParty { get; init; } = [];
    /// <summary>Functions enabled during the test.</summary>
    public IReadOnlyList<string> Functions { get; init; } = [];
    /// <summary>Published collection rules, or null when the device has none.</summary>
    public PublishedRules? Rules { get; init; }
    /// <summary>True when the lab CA was installed on the device.</summary>
    public bool CaInstalled { get; init; }
    /// <summary>The device's real identifiers by data type.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> KnownValues { get; init; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
    /// <summary>Test phases, sorted by start, never overlapping.</summary>
    public IReadOnlyList<ProfilePhase> Phases { get; init; } = [];
    /// <summary>Device limits (override the category per data type).</summary>
    public LimitSet Limits { get; init; } = LimitSet.Empty;
    /// <summary>The file the profile was read from.</summary>
    public string SourceFile { get; init; } = "";
}
