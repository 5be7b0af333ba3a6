using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Text;

namespace DeviceWatch.Dissect.Dns;

/// <summary>Renders RDATA as text for <see cref="DnsResourceRecord.Data"/>.</summary>
internal static class DnsRdataFormatter
{
    /// <summary>
    /// Renders the RDATA at <paramref name="offset"/> (<paramref name="length"/> bytes inside
    /// <paramref name="message"/>, which compressed names may point back into). When the RDATA does not fit its
    /// type, the result is its hex and <paramref name="anomaly"/> names the problem.
    /// </summary>
    public static string Format(ReadOnlySpan<byte> message, int offset, int length, ushort type, out string? anomaly)
    {
        anomaly = null;
        var rdata = message.Slice(offset, length);
        switch (type)
        {
            case 1 when length == 4:
                return new IPAddress(rdata).ToString();
            case 28 when length == 16:
                return new IPAddress(rdata).ToString();
            case 2 or 5 or 12 or 39:
                if (TryReadName(message, offset, offset + length, out var target, out anomaly))
                {
                    return target;
                }

                break;
            case 15 when length >= 3:
                if (TryReadName(message, offset + 2, offset + length, out var exchange, out anomaly))
                {
                    return string.Create(CultureInfo.InvariantCulture, $"{BinaryPrimitives.ReadUInt16BigEndian(rdata)} {exchange}");
                }

                break;
            case 33 when length >= 7:
                if (TryReadName(message, offset + 6, offset + length, out var srvTarget, out anomaly))
                {
                    var priority = BinaryPrimitives.ReadUInt16BigEndian(rdata);
                    var weight = BinaryPrimitives.ReadUInt16BigEndian(rdata[2..]);
                    var port = BinaryPrimitives.ReadUInt16BigEndian(rdata[4..]);
                    return string.Create(CultureInfo.InvariantCulture, $"{priority} {weight} {port} {srvTarget}");
                }

                break;
            case 16:
                if (TryFormatText(rdata, out var text))
                {
                    return text;
                }

                anomaly = "bad-rdata";
                break;
            case 1 or 28 or 15 or 33:
                anomaly = "bad-rdata";
                break;
            default:
                break;
        }

        return Convert.ToHexStringLower(rdata);
    }

    /// <summary>A name inside RDATA: it must end (where it is written) within the RDATA.</summary>
    private static bool TryReadName(ReadOnlySpan<byte> message, int offset, int rdataEnd, out string name, out string? anomaly)
    {
        var status = DnsNameReader.TryRead(message[..rdataEnd], offset, out name, out _);
        if (status == DnsNameStatus.Ok)
        {
            anomaly = null;
            return true;
        }

        anomaly = status == DnsNameStatus.Truncated ? "bad-rdata" : DnsNameReader.ToAnomaly(status);
        return false;
    }

    /// <summary>TXT: one or more &lt;character-string&gt;s (RFC 1035 §3.3.14), each decoded as UTF-8, joined with ' '.</summary>
    private static bool TryFormatText(ReadOnlySpan<byte> rdata, out string text)
    {
        text = string.Empty;
        if (rdata.IsEmpty)
        {
            return false;
        }

        var builder = new StringBuilder(rdata.Length);
        var position = 0;
        while (position < rdata.Length)
        {
            var length = rdata[position];
            if (position + 1 + length > rdata.Length)
            {
                return false;
            }

            if (position > 0)
            {
                builder.Append(' ');
            }

            builder.Append(Encoding.UTF8.GetString(rdata.Slice(position + 1, length)));
            position += 1 + length;
        }

        text = builder.ToString();
        return true;
    }
}
