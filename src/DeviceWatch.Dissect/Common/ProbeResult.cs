namespace DeviceWatch.Dissect.Common;

/// <summary>Answer of a content-based protocol probe over the first bytes a connection's originator sent.</summary>
public enum ProbeResult
{
    /// <summary>The bytes are not the start of this protocol.</summary>
    No,
    /// <summary>The bytes so far fit the protocol but are too few to decide; probe again with more.</summary>
    NeedMore,
    /// <summary>The bytes are the start of this protocol.</summary>
    Yes,
}
