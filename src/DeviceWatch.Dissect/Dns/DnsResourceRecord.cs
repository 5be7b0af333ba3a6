namespace DeviceWatch.Dissect.Dns;

/// <summary>
/// A DNS resource record. <see cref="Data"/> is rendered: dotted IPv4 for A, compressed IPv6 text for AAAA,
/// the target name for CNAME/PTR/NS/DNAME, "preference exchange" for MX, "priority weight port target" for SRV,
/// the character-strings joined with ' ' for TXT, else (and when the rdata does not fit its type) lower-case hex.
/// For mDNS the cache-flush bit (RFC 6762 §10.2) is removed from <see cref="Class"/> and reported in
/// <see cref="CacheFlush"/>.
/// </summary>
public sealed record DnsResourceRecord(string Name, ushort Type, ushort Class, uint Ttl, string Data)
{
    /// <summary>mDNS cache-flush bit: the top bit of the record class was set.</summary>
    public bool CacheFlush { get; init; }

    /// <summary>Name of <see cref="Type"/> (A, AAAA, …).</summary>
    public string TypeName => DnsTypeNames.ToName(Type);
}
