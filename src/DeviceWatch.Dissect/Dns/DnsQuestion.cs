namespace DeviceWatch.Dissect.Dns;

/// <summary>
/// A DNS question: name (lower case, no trailing dot), type and class. For mDNS the unicast-response bit
/// (RFC 6762 §5.4) is removed from <see cref="Class"/> and reported in <see cref="UnicastResponse"/>.
/// </summary>
public sealed record DnsQuestion(string Name, ushort Type, ushort Class)
{
    /// <summary>mDNS "QU" bit: the top bit of the question class was set.</summary>
    public bool UnicastResponse { get; init; }

    /// <summary>Name of <see cref="Type"/> (A, AAAA, …).</summary>
    public string TypeName => DnsTypeNames.ToName(Type);
}
