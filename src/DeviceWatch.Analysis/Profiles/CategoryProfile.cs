namespace DeviceWatch.Analysis.Profiles;

/// <summary>A device category (<c>profiles/categories/*.yaml</c>).</summary>
public sealed record CategoryProfile
{
    /// <summary>Category id, e.g. <c>smartwatch</c>.</summary>
    public required string Id { get; init; }
    /// <summary>Human-readable name.</summary>
    public string Name { get; init; } = "";
    /// <summary>Function id → data types it needs.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Functions { get; init; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
    /// <summary>Category limits.</summary>
    public LimitSet Limits { get; init; } = LimitSet.Empty;
    /// <summary>Data types whose upload needs a prominent cloud notice.</summary>
    public IReadOnlyList<string> CloudSensitive { get; init; } = [];
    /// <summary>The file the category was read from.</summary>
    public string SourceFile { get; init; } = "";
}
