namespace DeviceWatch.Capture.Live;

/// <summary>Counters of one captured interface: what the kernel delivered and dropped, and what the pipeline dropped.</summary>
/// <param name="Name">Interface name.</param>
/// <param name="Received">Frames libpcap reports received (kernel statistics).</param>
/// <param name="KernelDropped">Frames dropped because the kernel buffer was full.</param>
/// <param name="InterfaceDropped">Frames dropped by the interface or driver.</param>
/// <param name="Delivered">Frames handed to the pipeline queue.</param>
/// <param name="PipelineDropped">Frames dropped because the pipeline queue was full.</param>
public sealed record LiveInterfaceCounters(string Name, long Received, long KernelDropped, long InterfaceDropped, long Delivered, long PipelineDropped)
{
    /// <summary>All drops, kernel and pipeline.</summary>
    public long TotalDropped => KernelDropped + InterfaceDropped + PipelineDropped;
}
