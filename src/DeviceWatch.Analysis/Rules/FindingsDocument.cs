namespace DeviceWatch.Analysis.Rules;

/// <summary>The findings.json document.</summary>
public sealed record FindingsDocument
{
    /// <summary>The generator string written to findings.json.</summary>
    public const string GeneratorName = "DeviceWatch 0.1.0";

    /// <summary>Program and version.</summary>
    public string Generator { get; init; } = GeneratorName;
    /// <summary>Capture file names, in reading order.</summary>
    public IReadOnlyList<string> Captures { get; init; } = [];
    /// <summary>Earliest time in the input, or null when empty.</summary>
    public DateTime? Start { get; init; }
    /// <summary>Latest time in the input, or null when empty.</summary>
    public DateTime? End { get; init; }
    /// <summary>Devices by id.</summary>
    public IReadOnlyList<DeviceFindings> Devices { get; init; } = [];

    /// <summary>Every finding of every device.</summary>
    public IEnumerable<Finding> AllFindings => Devices.SelectMany(d => d.Findings);
}
