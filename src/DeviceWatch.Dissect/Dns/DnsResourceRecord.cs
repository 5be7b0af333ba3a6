namespace DeviceWatch.Dissect.Dns;

/// <summary>
/// A DNS resource record. <see cref="Data"/> is rendered: an address for A/AAAA, the target name for
/// CNAME/PTR/NS, "priority target:port" for SRV, the joined strings for TXT, else hex.
/// </summary>
public sealed record DnsResourceRecord(string Name, ushort Type, ushort Class, uint Ttl, string Data);
