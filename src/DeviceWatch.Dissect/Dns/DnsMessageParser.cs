using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace DeviceWatch.Dissect.Dns;

/// <summary>Parses one DNS, mDNS or LLMNR message (RFC 1035 §4, RFC 6762, RFC 4795) from a datagram or a TCP frame.</summary>
/// <remarks>
/// <para>Outcomes:</para>
/// <list type="bullet">
/// <item><c>false</c>: the header or the question section is unusable; <c>anomaly</c> is
/// <c>short-header</c>, <c>truncated-questions</c>, or a name problem (<c>bad-name-pointer</c>,
/// <c>name-pointer-limit</c>, <c>name-too-long</c>, <c>bad-label-type</c>).</item>
/// <item><c>true</c> and <c>anomaly == null</c>: every section parsed.</item>
/// <item><c>true</c> and <c>anomaly != null</c>: header and questions are fine but a later part is not; the
/// message holds every record that parsed fully before the problem. <c>truncated-answers</c>,
/// <c>truncated-authority</c>, <c>truncated-additionals</c> when the datagram ends inside that section; a name
/// problem in a record owner name (parsing stops there); <c>bad-rdata</c> or a name problem inside RDATA (the
/// record is kept with hex data and parsing continues, since RDLENGTH still frames it).</item>
/// </list>
/// <para>The authority section is walked (to reach the additional section) but not kept; OPT pseudo-records
/// are dropped from the additional section. The top bit of the class is always removed: in mDNS it is the
/// cache-flush bit (records) or unicast-response bit (questions), and no unicast DNS class uses it.
/// Section counts never size an allocation beyond what the remaining bytes can hold.</para>
/// </remarks>
public static class DnsMessageParser
{
    private const int HeaderLength = 12;
    private const int MinQuestionLength = 5; // root name + type + class
    private const int MinRecordLength = 11;  // root name + type + class + ttl + rdlength
    private const ushort OptType = 41;

    /// <summary>Parses <paramref name="datagram"/>; on failure <paramref name="anomaly"/> names what was wrong.</summary>
    public static bool TryParse(ReadOnlySpan<byte> datagram, DateTime timestamp, [NotNullWhen(true)] out DnsMessage? message, out string? anomaly)
    {
        message = null;
        anomaly = null;

        // 1. Header (RFC 1035 §4.1.1).
        if (datagram.Length < HeaderLength)
        {
            anomaly = "short-header";
            return false;
        }

        var id = BinaryPrimitives.ReadUInt16BigEndian(datagram);
        var flags = BinaryPrimitives.ReadUInt16BigEndian(datagram[2..]);
        int questionCount = BinaryPrimitives.ReadUInt16BigEndian(datagram[4..]);
        int answerCount = BinaryPrimitives.ReadUInt16BigEndian(datagram[6..]);
        int authorityCount = BinaryPrimitives.ReadUInt16BigEndian(datagram[8..]);
        int additionalCount = BinaryPrimitives.ReadUInt16BigEndian(datagram[10..]);
        var position = HeaderLength;

        // 2. Questions: any problem here makes the message unusable.
        var questions = new List<DnsQuestion>(Math.Min(questionCount, (datagram.Length - position) / MinQuestionLength));
        var questionsCut = false;
        for (var i = 0; i < questionCount; i++)
        {
            var status = DnsNameReader.TryRead(datagram, position, out var name, out var end);
            if (status != DnsNameStatus.Ok || end + 4 > datagram.Length)
            {
                anomaly = status is DnsNameStatus.Ok or DnsNameStatus.Truncated ? "truncated-questions" : DnsNameReader.ToAnomaly(status);
                if (questions.Count == 0)
                {
                    return false;
                }

                // Like tshark, keep the questions that parsed (a corrupt count must not hide the first name);
                // nothing after them can be framed.
                questionsCut = true;
                break;
            }

            var type = BinaryPrimitives.ReadUInt16BigEndian(datagram[end..]);
            var rawClass = BinaryPrimitives.ReadUInt16BigEndian(datagram[(end + 2)..]);
            questions.Add(new DnsQuestion(name, type, (ushort)(rawClass & 0x7FFF)) { UnicastResponse = (rawClass & 0x8000) != 0 });
            position = end + 4;
        }

        // 3. Answer, authority and additional sections: keep what parsed fully, stop at the first framing problem.
        var answers = new List<DnsResourceRecord>(Math.Min(answerCount, (datagram.Length - position) / MinRecordLength));
        var framed = !questionsCut && ReadSection(datagram, ref position, answerCount, answers, keepOpt: true, "truncated-answers", ref anomaly, out _);
        var authorities = 0;
        if (framed)
        {
            framed = ReadSection(datagram, ref position, authorityCount, records: null, keepOpt: true, "truncated-authority", ref anomaly, out authorities);
        }

        var additionals = new List<DnsResourceRecord>(framed ? Math.Min(additionalCount, (datagram.Length - position) / MinRecordLength) : 0);
        if (framed)
        {
            ReadSection(datagram, ref position, additionalCount, additionals, keepOpt: false, "truncated-additionals", ref anomaly, out _);
        }

        message = new DnsMessage
        {
            Timestamp = timestamp,
            Id = id,
            Flags = flags,
            IsResponse = (flags & 0x8000) != 0,
            Opcode = (flags >> 11) & 0xF,
            Rcode = flags & 0xF,
            Questions = questions,
            Answers = answers,
            AuthorityCount = authorities,
            Additionals = additionals,
        };
        return true;
    }

    /// <summary>
    /// Reads <paramref name="count"/> resource records (RFC 1035 §4.1.3). Returns false when the section could not
    /// be framed to its end (later sections are then unreachable); <paramref name="anomaly"/> keeps the first problem.
    /// <paramref name="parsed"/> counts the records framed (kept or not).
    /// </summary>
    private static bool ReadSection(
        ReadOnlySpan<byte> datagram,
        ref int position,
        int count,
        List<DnsResourceRecord>? records,
        bool keepOpt,
        string truncatedAnomaly,
        ref string? anomaly,
        out int parsed)
    {
        parsed = 0;
        for (var i = 0; i < count; i++)
        {
            var status = DnsNameReader.TryRead(datagram, position, out var name, out var end);
            if (status != DnsNameStatus.Ok)
            {
                anomaly ??= status == DnsNameStatus.Truncated ? truncatedAnomaly : DnsNameReader.ToAnomaly(status);
                return false;
            }

            if (end + 10 > datagram.Length)
            {
                anomaly ??= truncatedAnomaly;
                return false;
            }

            var type = BinaryPrimitives.ReadUInt16BigEndian(datagram[end..]);
            var rawClass = BinaryPrimitives.ReadUInt16BigEndian(datagram[(end + 2)..]);
            var ttl = BinaryPrimitives.ReadUInt32BigEndian(datagram[(end + 4)..]);
            int rdLength = BinaryPrimitives.ReadUInt16BigEndian(datagram[(end + 8)..]);
            var rdataOffset = end + 10;
            if (rdataOffset + rdLength > datagram.Length)
            {
                anomaly ??= truncatedAnomaly;
                return false;
            }

            position = rdataOffset + rdLength;
            parsed++;
            if (records is null || (type == OptType && !keepOpt))
            {
                continue;
            }

            var data = DnsRdataFormatter.Format(datagram, rdataOffset, rdLength, type, out var rdataAnomaly);
            anomaly ??= rdataAnomaly;
            records.Add(new DnsResourceRecord(name, type, (ushort)(rawClass & 0x7FFF), ttl, data) { CacheFlush = (rawClass & 0x8000) != 0 });
        }

        return true;
    }
}
