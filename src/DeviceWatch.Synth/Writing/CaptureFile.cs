namespace DeviceWatch.Synth.Writing;

/// <summary>Opens a capture writer of either format.</summary>
public static class CaptureFile
{
    /// <summary>
    /// Creates (or truncates) <paramref name="path"/> and returns a writer in <paramref name="format"/>.
    /// The caller disposes it.
    /// </summary>
    public static ICaptureWriter Create(
        string path,
        CaptureFormat format,
        LinkType linkType = LinkType.Ethernet,
        TimestampResolution resolution = TimestampResolution.Microsecond,
        int snapLength = PcapFileWriter.DefaultSnapLength) =>
        Open(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1, FileOptions.SequentialScan),
            format, linkType, resolution, snapLength, leaveOpen: false);

    /// <summary>Returns a writer in <paramref name="format"/> over <paramref name="stream"/>; dispose it to flush.</summary>
    public static ICaptureWriter Open(
        Stream stream,
        CaptureFormat format,
        LinkType linkType = LinkType.Ethernet,
        TimestampResolution resolution = TimestampResolution.Microsecond,
        int snapLength = PcapFileWriter.DefaultSnapLength,
        bool leaveOpen = false) =>
        format switch
        {
            CaptureFormat.Pcap => new PcapFileWriter(stream, linkType, resolution, snapLength, leaveOpen),
            CaptureFormat.PcapNg => new PcapNgFileWriter(stream, linkType, resolution, snapLength, leaveOpen: leaveOpen),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown capture format."),
        };
}
