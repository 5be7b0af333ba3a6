namespace DeviceWatch.Cli.Commands;

/// <summary>Options of <c>devicewatch analyze</c>.</summary>
internal sealed record AnalyzeOptions
{
    public required IReadOnlyList<string> Inputs { get; init; }
    public string OutputDirectory { get; init; } = "./devicewatch-out";
    public string? ProfilesDirectory { get; init; }
    public string? FailOn { get; init; }
    public bool ShowValues { get; init; }
    public bool Quiet { get; init; }
    public int MaxFlows { get; init; } = 200_000;
    public string? FromSession { get; init; }
    public string? Junit { get; init; }
    public string? SummaryMarkdown { get; init; }
}
