namespace DeviceWatch.Cli.Commands;

/// <summary>The <c>Capture</c> section of the run configuration.</summary>
internal sealed class RunCaptureSettings
{
    /// <summary>Interfaces to capture on (the gateway's LAN side); at least one.</summary>
    public List<string> Interfaces { get; set; } = [];

    /// <summary>BPF filter (tcpdump syntax).</summary>
    public string Filter { get; set; } = "";

    /// <summary>Kernel buffer per interface, MiB.</summary>
    public int BufferSizeMb { get; set; } = 16;

    /// <summary>Bytes kept per frame.</summary>
    public int SnapLength { get; set; } = 262144;

    /// <summary>Frames the queue between capture and pipeline holds; a full queue drops (counted).</summary>
    public int QueueCapacity { get; set; } = 65536;

    /// <summary>Start a new capture file after this many MiB (0: never by size).</summary>
    public int RotateMb { get; set; } = 100;

    /// <summary>Start a new capture file after this many seconds (0: never by time).</summary>
    public int RotateSeconds { get; set; } = 300;

    /// <summary>Seconds between flushes of the capture files (bounds what a crash loses).</summary>
    public int FlushSeconds { get; set; } = 1;
}
