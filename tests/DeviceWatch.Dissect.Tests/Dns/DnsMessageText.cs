using System.Globalization;
using System.Text;
using DeviceWatch.Dissect.Dns;

namespace DeviceWatch.Dissect.Tests.Dns;

/// <summary>A canonical one-string rendering of a <see cref="DnsMessage"/> (records compare lists by reference).</summary>
internal static class DnsMessageText
{
    public static string Render(DnsMessage message)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{message.Direction} {message.Timestamp:O} id={message.Id} flags={message.Flags:x4} rcode={message.Rcode} auth={message.AuthorityCount}\n");
        foreach (var q in message.Questions)
        {
            text.Append(CultureInfo.InvariantCulture, $"Q {q.Name} {q.Type} {q.Class} qu={q.UnicastResponse}\n");
        }

        foreach (var (section, records) in new[] { ("AN", message.Answers), ("AR", message.Additionals) })
        {
            foreach (var r in records)
            {
                text.Append(CultureInfo.InvariantCulture, $"{section} {r.Name} {r.Type} {r.Class} {r.Ttl} cf={r.CacheFlush} {r.Data}\n");
            }
        }

        return text.ToString();
    }
}
