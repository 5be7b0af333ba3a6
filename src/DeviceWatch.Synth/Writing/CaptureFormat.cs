namespace DeviceWatch.Synth.Writing;

/// <summary>Capture file formats the writers produce.</summary>
public enum CaptureFormat
{
    /// <summary>Classic libpcap format.</summary>
    Pcap,

    /// <summary>pcapng (one section, one or more interfaces, enhanced packet blocks).</summary>
    PcapNg,
}
