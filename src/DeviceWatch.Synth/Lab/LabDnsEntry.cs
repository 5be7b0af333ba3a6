using System.Net;

namespace DeviceWatch.Synth.Lab;

/// <summary>
/// How the lab DNS server answers for one name: an optional CNAME chain, then address records. Names without an
/// entry get one address from the documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24).
/// </summary>
public sealed record LabDnsEntry
{
    /// <summary>The queried name.</summary>
    public required string Name { get; init; }

    /// <summary>CNAME chain from <see cref="Name"/> (each name aliases the next); empty for none.</summary>
    public IReadOnlyList<string> CnameChain { get; init; } = [];

    /// <summary>IPv4 addresses of the last name; empty to auto-assign one.</summary>
    public IReadOnlyList<IPAddress> Addresses { get; init; } = [];

    /// <summary>IPv6 addresses returned for AAAA queries; empty for an answer without records.</summary>
    public IReadOnlyList<IPAddress> Ipv6Addresses { get; init; } = [];

    /// <summary>Record TTL in seconds; devices query again once it has expired.</summary>
    public uint Ttl { get; init; } = 300;
}
