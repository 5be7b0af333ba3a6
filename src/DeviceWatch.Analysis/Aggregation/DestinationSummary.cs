namespace DeviceWatch.Analysis.Aggregation;

/// <summary>Traffic of one device to one destination (<c>devices[].destinations[]</c> in findings.json).</summary>
public sealed record DestinationSummary
{
    /// <summary>Host name the device used, else the IP address.</summary>
    public required string Host { get; init; }
    /// <summary><c>first</c>, <c>third</c>, <c>local</c> or <c>unknown</c>.</summary>
    public required string Party { get; init; }
    /// <summary>Number of flows.</summary>
    public required long Flows { get; init; }
    /// <summary>Payload bytes sent by the device.</summary>
    public required long BytesUp { get; init; }
    /// <summary>Payload bytes received by the device.</summary>
    public required long BytesDown { get; init; }
    /// <summary>True when every flow to the host was encrypted on the wire (TLS or unreadable).</summary>
    public required bool Encrypted { get; init; }
}
