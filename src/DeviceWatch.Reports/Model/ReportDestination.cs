namespace DeviceWatch.Reports.Model;

/// <summary>One destination of a device.</summary>
internal sealed record ReportDestination
{
    public string Host { get; init; } = "";
    public string Party { get; init; } = "";
    public long Flows { get; init; }
    public long BytesUp { get; init; }
    public long BytesDown { get; init; }
    public bool Encrypted { get; init; }
}
