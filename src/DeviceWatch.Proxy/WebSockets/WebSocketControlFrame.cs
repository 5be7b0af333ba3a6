using DeviceWatch.Dissect.Common;

namespace DeviceWatch.Proxy.WebSockets;

/// <summary>A WebSocket control frame: close (8), ping (9) or pong (10).</summary>
internal sealed record WebSocketControlFrame : DissectedFact
{
    /// <summary>The opcode.</summary>
    public required byte Opcode { get; init; }
}
