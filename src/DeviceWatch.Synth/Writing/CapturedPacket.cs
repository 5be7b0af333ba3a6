namespace DeviceWatch.Synth.Writing;

/// <summary>One frame held in memory with its capture time.</summary>
/// <param name="Timestamp">Capture time (UTC).</param>
/// <param name="Frame">The frame bytes, link-layer header included.</param>
public readonly record struct CapturedPacket(DateTime Timestamp, byte[] Frame);
