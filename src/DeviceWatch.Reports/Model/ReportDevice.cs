namespace DeviceWatch.Reports.Model;

/// <summary>One device of findings.json.</summary>
internal sealed record ReportDevice
{
    public string Id { get; init; } = "";
    public string Mac { get; init; } = "";
    public string? Category { get; init; }
    public string? Profile { get; init; }
    public IReadOnlyList<string> FirstParty { get; init; } = [];
    public bool FirstPartyInferred { get; init; }
    public IReadOnlyList<ReportDestination> Destinations { get; init; } = [];
    public IReadOnlyList<ReportObservation> Observations { get; init; } = [];
    public IReadOnlyList<ReportFinding> Findings { get; init; } = [];
    public IReadOnlyList<ReportPhase> Phases { get; init; } = [];
    public ReportTimeline? Timeline { get; init; }
}
