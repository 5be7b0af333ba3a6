namespace DeviceWatch.Capture.Pipeline;

/// <summary>What the engine does with a decoded packet (fragments are counted once and dissected once).</summary>
internal enum PacketUse
{
    /// <summary>Count it on its flow and dissect its payload.</summary>
    Full,
    /// <summary>A first IPv4 fragment: count the datagram on its flow; the payload comes later, reassembled.</summary>
    CountOnly,
    /// <summary>A reassembled IPv4 datagram already counted by its first fragment: dissect only.</summary>
    DissectOnly,
}
