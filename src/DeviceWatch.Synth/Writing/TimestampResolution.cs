namespace DeviceWatch.Synth.Writing;

/// <summary>Resolution of the timestamps stored in a capture file.</summary>
public enum TimestampResolution
{
    /// <summary>Microseconds (classic pcap magic <c>0xa1b2c3d4</c>; pcapng <c>if_tsresol</c> 6).</summary>
    Microsecond,

    /// <summary>Nanoseconds (classic pcap magic <c>0xa1b23c4d</c>; pcapng <c>if_tsresol</c> 9).</summary>
    Nanosecond,
}
