namespace DeviceWatch.Analysis.Rules;

/// <summary>One rule violation (<c>devices[].findings[]</c> in findings.json).</summary>
public sealed record Finding
{
    /// <summary>Rule id, e.g. <c>item3.high-frequency</c>.</summary>
    public required string Rule { get; init; }
    /// <summary>Data type, or null for device-level rules.</summary>
    public string? DataType { get; init; }
    /// <summary>Destination host, or null for device-level rules.</summary>
    public string? Destination { get; init; }
    /// <summary>Severity (policy in docs/rules.md).</summary>
    public required Severity Severity { get; init; }
    /// <summary>Measured value.</summary>
    public double? Measured { get; init; }
    /// <summary>The limit it was compared with.</summary>
    public double? Limit { get; init; }
    /// <summary>Unit of <see cref="Measured"/> and <see cref="Limit"/>.</summary>
    public string? Unit { get; init; }
    /// <summary>A sentence a lab engineer can put in a report.</summary>
    public required string Message { get; init; }
    /// <summary>Up to five evidence references.</summary>
    public IReadOnlyList<EvidenceRef> Evidence { get; init; } = [];
}
