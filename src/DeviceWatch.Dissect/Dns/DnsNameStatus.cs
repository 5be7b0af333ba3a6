namespace DeviceWatch.Dissect.Dns;

/// <summary>Outcome of reading one (possibly compressed) domain name.</summary>
internal enum DnsNameStatus
{
    /// <summary>The name was read.</summary>
    Ok,
    /// <summary>The message ended inside the name.</summary>
    Truncated,
    /// <summary>A compression pointer did not point strictly backwards (self, loop or forward pointer).</summary>
    BadPointer,
    /// <summary>More compression pointers than a legitimate name can need.</summary>
    PointerLimit,
    /// <summary>The name is longer than 255 bytes on the wire (RFC 1035 §2.3.4).</summary>
    TooLong,
    /// <summary>A label starts with the reserved 01 or 10 bits (extended label types, RFC 6891 §5).</summary>
    BadLabelType,
}
