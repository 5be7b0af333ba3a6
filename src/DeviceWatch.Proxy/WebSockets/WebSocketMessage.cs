using DeviceWatch.Dissect.Common;

namespace DeviceWatch.Proxy.WebSockets;

/// <summary>A complete WebSocket text or binary message (fragments joined, client masking removed).</summary>
internal sealed record WebSocketMessage : DissectedFact
{
    /// <summary>Opcode 1 (text) rather than 2 (binary).</summary>
    public required bool Text { get; init; }
    /// <summary>The unmasked payload, capped at the capture limit.</summary>
    public ReadOnlyMemory<byte> Body { get; init; }
    /// <summary>Payload length of all fragments.</summary>
    public long Length { get; init; }
    /// <summary>True when <see cref="Body"/> holds only the first <c>cap</c> bytes.</summary>
    public bool Truncated { get; init; }
    /// <summary>RSV1 was set: compressed with permessage-deflate (RFC 7692); the body is the compressed bytes.</summary>
    public bool Compressed { get; init; }
}
