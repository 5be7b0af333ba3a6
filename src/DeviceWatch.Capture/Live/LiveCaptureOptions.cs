namespace DeviceWatch.Capture.Live;

/// <summary>What to capture live: interfaces, BPF filter, kernel buffer and snap length.</summary>
public sealed record LiveCaptureOptions
{
    /// <summary>Interface names (e.g. <c>eth1</c>); at least one.</summary>
    public IReadOnlyList<string> Interfaces { get; init; } = [];

    /// <summary>BPF filter expression (tcpdump syntax); empty for everything.</summary>
    public string Filter { get; init; } = "";

    /// <summary>Kernel capture buffer per interface, bytes.</summary>
    public int BufferSizeBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Bytes kept per frame.</summary>
    public int SnapLength { get; init; } = 262144;

    /// <summary>Capture in promiscuous mode.</summary>
    public bool Promiscuous { get; init; } = true;
}
