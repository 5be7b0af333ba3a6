namespace DeviceWatch.Capture.Decoding;

/// <summary>Outcome of decoding one frame down to the transport layer.</summary>
internal enum DecodeStatus
{
    /// <summary>IP packet with a TCP or UDP (or other) payload located.</summary>
    Ok,
    /// <summary>Not IP (ARP, LLDP, EAPOL…): counted, not an error.</summary>
    NotIp,
    /// <summary>An IPv4 or IPv6 fragment that must go through the defragmenter.</summary>
    Fragment,
    /// <summary>Malformed or truncated headers.</summary>
    Malformed,
    /// <summary>The capture's link type is not supported.</summary>
    UnsupportedLinkType,
}
