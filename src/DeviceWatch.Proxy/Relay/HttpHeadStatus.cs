namespace DeviceWatch.Proxy.Relay;

/// <summary>Outcome of reading one HTTP head.</summary>
internal enum HttpHeadStatus
{
    /// <summary>A complete, valid head.</summary>
    Complete,
    /// <summary>More bytes are needed.</summary>
    NeedMore,
    /// <summary>The head is longer than the limit (431 for requests).</summary>
    TooLarge,
    /// <summary>The head is malformed (400 for requests).</summary>
    Malformed,
    /// <summary>The stream ended cleanly before any byte of a new head.</summary>
    EndOfStream,
}
