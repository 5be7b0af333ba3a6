namespace DeviceWatch.Capture.Reassembly;

/// <summary>Reassembles fragmented IPv4 datagrams (STUB: to be implemented).</summary>
internal sealed class Ipv4Defragmenter
{
    /// <summary>Creates a bounded defragmenter.</summary>
    public Ipv4Defragmenter(int maxPendingDatagrams = 1024, int maxDatagramBytes = 65535, TimeSpan? timeout = null)
    {
        _ = maxPendingDatagrams;
        _ = maxDatagramBytes;
        _ = timeout;
    }

    /// <summary>
    /// Adds one fragment: <paramref name="ipv4Packet"/> is the whole IPv4 packet (header and payload) of a
    /// packet with MF set or a non-zero fragment offset. Returns the reassembled IPv4 packet (header with
    /// offset 0, MF clear, total length and checksum fixed) when the datagram is complete, else null.
    /// </summary>
    public byte[]? Add(ReadOnlySpan<byte> ipv4Packet, DateTime timestamp)
    {
        _ = ipv4Packet;
        _ = timestamp;
        return null;
    }

    /// <summary>Datagrams dropped (timeout, limits, bad overlaps).</summary>
    public long Dropped { get; private set; }
}
