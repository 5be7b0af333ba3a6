namespace DeviceWatch.Dissect.Quic;

/// <summary>Outcome of reading a long header.</summary>
internal enum QuicHeaderStatus
{
    /// <summary>A long header of QUIC v1 or v2 with consistent lengths.</summary>
    Parsed,
    /// <summary>The first byte does not have the long-header bit: a short-header packet or trailing padding.</summary>
    ShortHeader,
    /// <summary>A Version Negotiation packet (version 0).</summary>
    VersionNegotiation,
    /// <summary>A long header of a version whose packets cannot be read.</summary>
    UnsupportedVersion,
    /// <summary>The datagram ends inside the header or before the end the Length field announces.</summary>
    Truncated,
    /// <summary>A field is out of range (connection ID longer than 20 bytes).</summary>
    Invalid,
}
