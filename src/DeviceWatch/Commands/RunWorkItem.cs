using DeviceWatch.Capture.Live;

namespace DeviceWatch.Cli.Commands;

/// <summary>One item for the session's pipeline thread: a captured frame, or work posted by the proxy, the control endpoint or the timer.</summary>
internal readonly record struct RunWorkItem(LivePacket Packet, Action? Work);
