namespace DeviceWatch.Core.Records;

/// <summary>One DNS (or mDNS/LLMNR) query or response, written to <c>dns.jsonl</c>.</summary>
public sealed record DnsRecord
{
    /// <summary>Time of the message.</summary>
    public required DateTime Ts { get; init; }
    /// <summary>Flow identifier.</summary>
    public required string Uid { get; init; }
    /// <summary>Device id, or null.</summary>
    public string? Device { get; init; }
    /// <summary>The first question's name (lower case, no trailing dot).</summary>
    public string? Query { get; init; }
    /// <summary>The first question's type name (A, AAAA, PTR…).</summary>
    public string? Qtype { get; init; }
    /// <summary>Response code name (NOERROR, NXDOMAIN…), null for queries.</summary>
    public string? Rcode { get; init; }
    /// <summary>Answer data, rendered (addresses, target names, text).</summary>
    public IReadOnlyList<string> Answers { get; init; } = [];
    /// <summary>TTL of each answer, in the same order.</summary>
    public IReadOnlyList<uint> Ttls { get; init; } = [];
    /// <summary>DNS transaction id.</summary>
    public int TransId { get; init; }
    /// <summary>True for a response.</summary>
    public bool IsResponse { get; init; }
    /// <summary><c>dns</c>, <c>mdns</c> or <c>llmnr</c>.</summary>
    public string Flavor { get; init; } = "dns";
}
