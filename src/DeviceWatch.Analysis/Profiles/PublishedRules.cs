namespace DeviceWatch.Analysis.Profiles;

/// <summary>The device's published personal-information collection and use rules (the profile's <c>rules</c>).</summary>
public sealed record PublishedRules
{
    /// <summary>Where the rules are published.</summary>
    public string? Url { get; init; }
    /// <summary>Data types the rules say are collected.</summary>
    public IReadOnlyList<string> Declares { get; init; } = [];
    /// <summary>True when the user gets a prominent notice of background collection.</summary>
    public bool BackgroundNotice { get; init; }
    /// <summary>True when the user gets a prominent notice of cloud computation and analysis.</summary>
    public bool CloudNotice { get; init; }
}
