namespace DeviceWatch.Capture.Reading;

/// <summary>The container format of a capture file, recognised by its magic number (never its extension).</summary>
public enum CaptureFormat
{
    /// <summary>Not a capture file.</summary>
    Unknown,
    /// <summary>Classic libpcap format (micro- or nanosecond, either byte order).</summary>
    Pcap,
    /// <summary>pcapng.</summary>
    PcapNg,
}
