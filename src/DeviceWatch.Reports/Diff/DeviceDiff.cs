namespace DeviceWatch.Reports.Diff;

/// <summary>The differences of one device present on both sides.</summary>
internal sealed record DeviceDiff
{
    /// <summary>The device id on the after side.</summary>
    public required string Id { get; init; }
    public required string Mac { get; init; }
    /// <summary>The device id on the before side when it differs (matched by MAC).</summary>
    public string? BeforeId { get; init; }
    public IReadOnlyList<DestinationChange> DestinationsAdded { get; init; } = [];
    public IReadOnlyList<DestinationChange> DestinationsRemoved { get; init; } = [];
    public IReadOnlyList<PartyChange> PartyChanges { get; init; } = [];
    public IReadOnlyList<DataTypeChange> DataTypesAdded { get; init; } = [];
    public IReadOnlyList<DataTypeChange> DataTypesRemoved { get; init; } = [];
    public IReadOnlyList<MetricChange> MetricChanges { get; init; } = [];
    public IReadOnlyList<FindingChange> FindingsAdded { get; init; } = [];
    public IReadOnlyList<FindingChange> FindingsRemoved { get; init; } = [];
    public IReadOnlyList<SeverityChange> SeverityChanges { get; init; } = [];

    /// <summary>Number of reported differences.</summary>
    public int ChangeCount =>
        DestinationsAdded.Count + DestinationsRemoved.Count + PartyChanges.Count + DataTypesAdded.Count + DataTypesRemoved.Count +
        MetricChanges.Count + FindingsAdded.Count + FindingsRemoved.Count + SeverityChanges.Count;

    /// <summary>Number of differences that count as regressions (added finding, personal data type, third-party destination).</summary>
    public int RegressionCount =>
        DestinationsAdded.Count(d => d.Regression) + PartyChanges.Count(p => p.Regression) + DataTypesAdded.Count(d => d.Regression) +
        FindingsAdded.Count(f => f.Regression);
}
