using DeviceWatch.Analysis.Aggregation;

namespace DeviceWatch.Analysis.Rules;

/// <summary>One device in findings.json.</summary>
public sealed record DeviceFindings
{
    /// <summary>Profile id, else the MAC.</summary>
    public required string Id { get; init; }
    /// <summary>MAC address (lower case, colons), or empty when unknown.</summary>
    public required string Mac { get; init; }
    /// <summary>Category id, or null without a profile.</summary>
    public string? Category { get; init; }
    /// <summary>The profile file used, or null.</summary>
    public string? Profile { get; init; }
    /// <summary>First-party domain suffixes used (declared, or inferred without a profile).</summary>
    public IReadOnlyList<string> FirstParty { get; init; } = [];
    /// <summary>True when <see cref="FirstParty"/> was inferred, not declared.</summary>
    public bool FirstPartyInferred { get; init; }
    /// <summary>Destinations, by host.</summary>
    public IReadOnlyList<DestinationSummary> Destinations { get; init; } = [];
    /// <summary>Aggregates per data type × destination.</summary>
    public IReadOnlyList<ObservationSummary> Observations { get; init; } = [];
    /// <summary>Findings, most severe first.</summary>
    public IReadOnlyList<Finding> Findings { get; init; } = [];
    /// <summary>Test phases from the profile.</summary>
    public IReadOnlyList<PhaseSpan> Phases { get; init; } = [];
    /// <summary>Binned counts per data type for the timeline chart, or null without observations.</summary>
    public DeviceTimeline? Timeline { get; init; }
}
