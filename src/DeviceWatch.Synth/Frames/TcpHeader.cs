namespace DeviceWatch.Synth.Frames;

/// <summary>The per-segment TCP header fields (ports come from the endpoints).</summary>
/// <param name="Sequence">Sequence number.</param>
/// <param name="Acknowledgment">Acknowledgment number (sent as given; meaningful with <see cref="TcpFlags.Ack"/>).</param>
/// <param name="Flags">Header flags.</param>
/// <param name="Window">Window field as sent (before any window scaling).</param>
/// <param name="Options">Raw TCP option bytes (padded to a multiple of 4 with EOL), or null.</param>
public readonly record struct TcpHeader(uint Sequence, uint Acknowledgment, TcpFlags Flags, ushort Window, byte[]? Options = null)
{
    /// <summary>
    /// The option bytes a SYN usually carries: MSS, SACK permitted, window scale (with NOPs to align).
    /// </summary>
    public static byte[] SynOptions(ushort maximumSegmentSize, byte windowScale, bool sackPermitted = true)
    {
        var options = new List<byte> { 2, 4, (byte)(maximumSegmentSize >> 8), (byte)maximumSegmentSize };
        if (sackPermitted)
        {
            options.AddRange([1, 1, 4, 2]);
        }

        options.AddRange([1, 3, 3, windowScale]);
        return [.. options];
    }
}
