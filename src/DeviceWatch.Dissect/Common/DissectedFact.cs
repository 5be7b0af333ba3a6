namespace DeviceWatch.Dissect.Common;

/// <summary>Base of every fact a dissector emits. Facts carry protocol content only, never policy.</summary>
public abstract record DissectedFact
{
    /// <summary>Time of the packet that completed the message.</summary>
    public required DateTime Timestamp { get; init; }
    /// <summary>Which side sent the message.</summary>
    public FlowDirection Direction { get; init; }
}
