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

    /// <summary>The 16-bit header flags word as on the wire (QR, opcode, AA, TC, RD, RA, Z, AD, CD, rcode).</summary>
    public ushort Flags { get; init; }
    /// <summary>Number of authority-section records that parsed (their content is not kept).</summary>
    public int AuthorityCount { get; init; }
    /// <summary>TC bit: the sender truncated the message (the client is expected to retry over TCP).</summary>
    public bool IsTruncated => (Flags & 0x0200) != 0;
    /// <summary>Name of <see cref="Rcode"/> (NOERROR, NXDOMAIN, …).</summary>
    public string RcodeName => DnsRcodeNames.ToName(Rcode);
}
