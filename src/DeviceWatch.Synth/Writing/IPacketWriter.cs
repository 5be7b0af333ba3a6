namespace DeviceWatch.Synth.Writing;

/// <summary>
/// A sink for captured frames: a capture-file writer, or an in-memory <see cref="PacketTimeline"/>.
/// </summary>
public interface IPacketWriter
{
    /// <summary>Writes one frame (link-layer header included) captured at <paramref name="timestamp"/> (UTC).</summary>
    void Write(DateTime timestamp, ReadOnlySpan<byte> frame);
}
