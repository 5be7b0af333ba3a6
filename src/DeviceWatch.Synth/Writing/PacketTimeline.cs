namespace DeviceWatch.Synth.Writing;

/// <summary>
/// Collects frames from several generators in memory and replays them in time order (stable for equal times),
/// so independently built sessions interleave as on a real link. Meant for small captures.
/// </summary>
public sealed class PacketTimeline : IPacketWriter
{
    private readonly List<(CapturedPacket Packet, long Order)> _packets = [];

    /// <summary>Frames collected so far.</summary>
    public int Count => _packets.Count;

    /// <inheritdoc />
    public void Write(DateTime timestamp, ReadOnlySpan<byte> frame) =>
        _packets.Add((new CapturedPacket(timestamp, frame.ToArray()), _packets.Count));

    /// <summary>The collected frames sorted by time (insertion order for equal times).</summary>
    public IReadOnlyList<CapturedPacket> Ordered()
    {
        var sorted = _packets.ToArray();
        Array.Sort(sorted, static (a, b) =>
        {
            var byTime = a.Packet.Timestamp.CompareTo(b.Packet.Timestamp);
            return byTime != 0 ? byTime : a.Order.CompareTo(b.Order);
        });
        return Array.ConvertAll(sorted, static p => p.Packet);
    }

    /// <summary>Writes every collected frame to <paramref name="writer"/> in time order.</summary>
    public void WriteTo(IPacketWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var packet in Ordered())
        {
            writer.Write(packet.Timestamp, packet.Frame);
        }
    }
}
