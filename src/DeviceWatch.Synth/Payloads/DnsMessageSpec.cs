namespace DeviceWatch.Synth.Payloads;

/// <summary>A whole DNS message: header fields, one question (optional) and record sections.</summary>
public sealed record DnsMessageSpec
{
    /// <summary>Transaction id (0 for mDNS).</summary>
    public ushort Id { get; init; }

    /// <summary>The 16-bit flags word (QR, opcode, AA, TC, RD, RA, rcode).</summary>
    public ushort Flags { get; init; }

    /// <summary>Question name, or null for a message without a question (mDNS announcements).</summary>
    public string? QuestionName { get; init; }

    /// <summary>Question type.</summary>
    public DnsRecordType QuestionType { get; init; } = DnsRecordType.A;

    /// <summary>mDNS "unicast response requested" bit on the question class.</summary>
    public bool UnicastResponse { get; init; }

    /// <summary>Answer section.</summary>
    public IReadOnlyList<DnsRecordSpec> Answers { get; init; } = [];

    /// <summary>Additional section.</summary>
    public IReadOnlyList<DnsRecordSpec> Additionals { get; init; } = [];
}
