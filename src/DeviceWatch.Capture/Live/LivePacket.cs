using PacketDotNet;

namespace DeviceWatch.Capture.Live;

/// <summary>
/// One captured frame handed from a capture thread to the pipeline thread. <see cref="Buffer"/> is rented from
/// <see cref="System.Buffers.ArrayPool{T}.Shared"/>; the consumer returns it with <see cref="Release"/>.
/// </summary>
/// <param name="Interface">Index of the interface in <see cref="LiveCaptureOptions.Interfaces"/>.</param>
/// <param name="LinkType">Link layer of the frame.</param>
/// <param name="Buffer">Rented buffer holding the frame in its first <paramref name="Length"/> bytes.</param>
/// <param name="Length">Captured length.</param>
/// <param name="OriginalLength">Length on the wire.</param>
/// <param name="Timestamp">Capture time, UTC.</param>
public readonly record struct LivePacket(int Interface, LinkLayers LinkType, byte[] Buffer, int Length, int OriginalLength, DateTime Timestamp)
{
    /// <summary>The frame bytes.</summary>
    public ReadOnlySpan<byte> Frame => Buffer.AsSpan(0, Length);

    /// <summary>Returns the buffer to the pool; the packet must not be used afterwards.</summary>
    public void Release() => System.Buffers.ArrayPool<byte>.Shared.Return(Buffer);
}
