namespace DeviceWatch.Cli.Commands;

/// <summary>
/// Configuration of <c>devicewatch run</c>, bound from the JSON file, then <c>DEVICEWATCH_</c> environment variables
/// (<c>DEVICEWATCH_Capture__Filter</c>), then <c>--Key=value</c> arguments (<c>--Capture:Filter="tcp"</c>).
/// </summary>
internal sealed class RunSettings
{
    /// <summary>Output folder (same layout as analyze; captures go to <c>captures/SESSION/</c> inside it).</summary>
    public string Output { get; set; } = "./devicewatch-out";

    /// <summary>Profile folder; default as for analyze.</summary>
    public string? Profiles { get; set; }

    /// <summary>Write personal values unmasked.</summary>
    public bool ShowValues { get; set; }

    /// <summary>Seconds between console summaries (0: none).</summary>
    public int SummaryIntervalSeconds { get; set; } = 10;

    /// <summary>Seconds between rewrites of <c>findings.json</c> while the session runs (0: only at the end).</summary>
    public int FindingsRefreshSeconds { get; set; } = 60;

    /// <summary>Unix socket of the control endpoint used by <c>devicewatch tag</c>.</summary>
    public string Control { get; set; } = RunControlServer.DefaultSocketPath;

    /// <summary>Live capture.</summary>
    public RunCaptureSettings Capture { get; set; } = new();

    /// <summary>Transparent proxy.</summary>
    public RunProxySettings Proxy { get; set; } = new();
}
