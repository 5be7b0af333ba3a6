using DeviceWatch.Dissect.Common;

namespace DeviceWatch.Dissect.Dns;

/// <summary>A parsed DNS, mDNS or LLMNR message.</summary>
public sealed record DnsMessage : DissectedFact
{
    /// <summary>Transaction id.</summary>
    public ushort Id { get; init; }
    /// <summary>QR bit.</summary>
    public bool IsResponse { get; init; }
    /// <summary>Opcode.</summary>
    public int Opcode { get; init; }
    /// <summary>Response code (low 4 bits of the header).</summary>
    public int Rcode { get; init; }
    /// <summary>Questions.</summary>
    public IReadOnlyList<DnsQuestion> Questions { get; init; } = [];
    /// <summary>Answer section.</summary>
    public IReadOnlyList<DnsResourceRecord> Answers { get; init; } = [];
    /// <summary>Additional section (mDNS puts answers here too); OPT records are skipped.</summary>
    public IReadOnlyList<DnsResourceRecord> Additionals { get; init; } = [];
}
