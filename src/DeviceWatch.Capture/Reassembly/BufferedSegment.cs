namespace DeviceWatch.Capture.Reassembly;

/// <summary>
/// Out-of-order stream bytes held by a <see cref="TcpStreamReassembler"/>: <see cref="Length"/> bytes of the
/// pooled <see cref="Buffer"/> starting at relative stream offset <see cref="Start"/>.
/// </summary>
internal readonly record struct BufferedSegment(long Start, byte[] Buffer, int Length)
{
    /// <summary>Relative offset just past the last byte.</summary>
    public long End => Start + Length;

    /// <summary>The buffered bytes.</summary>
    public ReadOnlySpan<byte> Data => Buffer.AsSpan(0, Length);
}
