using System.Net;
using System.Text;

namespace DeviceWatch.Synth.Payloads;

/// <summary>
/// Builds DNS and mDNS messages in wire format (RFC 1035, RFC 6762) with name compression, ready to be a UDP
/// payload.
/// </summary>
public static class DnsMessageBuilder
{
    /// <summary>Flags of a standard recursive query (RD).</summary>
    public const ushort QueryFlags = 0x0100;

    /// <summary>Flags of a recursive resolver's answer (QR, RD, RA).</summary>
    public const ushort ResponseFlags = 0x8180;

    /// <summary>Flags of an mDNS response (QR, AA).</summary>
    public const ushort MdnsResponseFlags = 0x8400;

    private const ushort ClassIn = 1;

    /// <summary>A standard query for <paramref name="name"/>.</summary>
    public static byte[] Query(ushort id, string name, DnsRecordType type = DnsRecordType.A) =>
        Build(new DnsMessageSpec { Id = id, Flags = QueryFlags, QuestionName = name, QuestionType = type });

    /// <summary>
    /// The resolver's response to <see cref="Query"/>: the question repeated, then <paramref name="answers"/>
    /// (names compressed). <paramref name="responseCode"/> 3 is NXDOMAIN.
    /// </summary>
    public static byte[] Response(ushort id, string name, DnsRecordType type, IReadOnlyList<DnsRecordSpec> answers, byte responseCode = 0) =>
        Build(new DnsMessageSpec
        {
            Id = id,
            Flags = (ushort)(ResponseFlags | (responseCode & 0x0F)),
            QuestionName = name,
            QuestionType = type,
            Answers = answers,
        });

    /// <summary>
    /// The answers a resolver gives for <paramref name="name"/> reached through an optional CNAME chain:
    /// CNAME records from <paramref name="name"/> through each name in <paramref name="cnameChain"/>, then the
    /// address records of the last name.
    /// </summary>
    public static IReadOnlyList<DnsRecordSpec> AnswerChain(string name, IReadOnlyList<string> cnameChain, IReadOnlyList<IPAddress> addresses, uint ttl = 300)
    {
        var answers = new List<DnsRecordSpec>();
        var owner = name;
        foreach (var alias in cnameChain)
        {
            answers.Add(DnsRecordSpec.Cname(owner, alias, ttl));
            owner = alias;
        }

        foreach (var address in addresses)
        {
            answers.Add(DnsRecordSpec.Address4Or6(owner, address, ttl));
        }

        return answers;
    }

    /// <summary>An mDNS query (id 0) for <paramref name="name"/>, e.g. <c>_googlecast._tcp.local</c> PTR.</summary>
    public static byte[] MdnsQuery(string name, DnsRecordType type = DnsRecordType.Ptr, bool unicastResponse = false) =>
        Build(new DnsMessageSpec { QuestionName = name, QuestionType = type, UnicastResponse = unicastResponse });

    /// <summary>
    /// An unsolicited mDNS announcement of a service instance: PTR <paramref name="serviceType"/> →
    /// instance, SRV instance → <paramref name="hostName"/>:<paramref name="port"/>, TXT, and A of the host.
    /// </summary>
    /// <param name="hostName">Host name in <c>.local</c>, e.g. <c>living-room-speaker.local</c>.</param>
    /// <param name="address">The host's IPv4 address.</param>
    /// <param name="serviceType">Service type, e.g. <c>_googlecast._tcp.local</c>.</param>
    /// <param name="instanceName">Instance label, e.g. <c>Living Room Speaker</c>.</param>
    /// <param name="port">Service port.</param>
    /// <param name="text">TXT strings (<c>key=value</c>).</param>
    public static byte[] MdnsAnnouncement(string hostName, IPAddress address, string serviceType, string instanceName, ushort port, IReadOnlyList<string> text)
    {
        var instance = instanceName + "." + serviceType;
        return Build(new DnsMessageSpec
        {
            Flags = MdnsResponseFlags,
            Answers =
            [
                DnsRecordSpec.Ptr(serviceType, instance),
                DnsRecordSpec.Srv(instance, hostName, port) with { CacheFlush = true },
                DnsRecordSpec.Txt(instance, text) with { CacheFlush = true },
                DnsRecordSpec.Address4Or6(hostName, address, 120) with { CacheFlush = true },
            ],
        });
    }

    /// <summary>Writes <paramref name="message"/> in wire format.</summary>
    public static byte[] Build(DnsMessageSpec message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var writer = new DnsNameWriter();
        writer.WriteUInt16(message.Id);
        writer.WriteUInt16(message.Flags);
        writer.WriteUInt16(message.QuestionName is null ? (ushort)0 : (ushort)1);
        writer.WriteUInt16((ushort)message.Answers.Count);
        writer.WriteUInt16(0);
        writer.WriteUInt16((ushort)message.Additionals.Count);
        if (message.QuestionName is not null)
        {
            writer.WriteName(message.QuestionName);
            writer.WriteUInt16((ushort)message.QuestionType);
            writer.WriteUInt16(message.UnicastResponse ? (ushort)(0x8000 | ClassIn) : ClassIn);
        }

        foreach (var record in message.Answers)
        {
            WriteRecord(writer, record);
        }

        foreach (var record in message.Additionals)
        {
            WriteRecord(writer, record);
        }

        return writer.ToArray();
    }

    private static void WriteRecord(DnsNameWriter writer, DnsRecordSpec record)
    {
        writer.WriteName(record.Name);
        writer.WriteUInt16((ushort)record.Type);
        writer.WriteUInt16(record.CacheFlush ? (ushort)(0x8000 | ClassIn) : ClassIn);
        writer.WriteUInt32(record.Ttl);
        var lengthAt = writer.Length;
        writer.WriteUInt16(0);
        var dataStart = writer.Length;
        switch (record.Type)
        {
            case DnsRecordType.A:
            case DnsRecordType.Aaaa:
                var address = record.Address ?? throw new ArgumentException($"{record.Type} record for {record.Name} needs an address.", nameof(record));
                writer.WriteBytes(address.GetAddressBytes());
                break;
            case DnsRecordType.Cname:
            case DnsRecordType.Ptr:
                writer.WriteName(record.Target ?? throw new ArgumentException($"{record.Type} record for {record.Name} needs a target.", nameof(record)));
                break;
            case DnsRecordType.Srv:
                writer.WriteUInt16(record.Priority);
                writer.WriteUInt16(record.Weight);
                writer.WriteUInt16(record.Port);
                writer.WriteName(record.Target ?? throw new ArgumentException($"SRV record for {record.Name} needs a target.", nameof(record)), compress: false);
                break;
            case DnsRecordType.Txt:
                if (record.Text.Count == 0)
                {
                    writer.WriteBytes([0]);
                }

                foreach (var text in record.Text)
                {
                    var bytes = Encoding.UTF8.GetBytes(text);
                    if (bytes.Length > 255)
                    {
                        throw new ArgumentException("A TXT string is longer than 255 bytes.", nameof(record));
                    }

                    writer.WriteBytes([(byte)bytes.Length]);
                    writer.WriteBytes(bytes);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(record), record.Type, "Unsupported record type.");
        }

        writer.SetUInt16(lengthAt, (ushort)(writer.Length - dataStart));
    }
}
