using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text;

namespace DeviceWatch.Dissect.Dhcp;

/// <summary>Parses one DHCP (RFC 2131/2132) or plain BOOTP (RFC 951) message from a UDP datagram.</summary>
/// <remarks>
/// <para>Outcomes:</para>
/// <list type="bullet">
/// <item><c>false</c>: shorter than the 236-byte fixed header; <c>anomaly</c> is <c>short-header</c>.</item>
/// <item><c>true</c>, <c>anomaly == null</c>: header and options parsed.</item>
/// <item><c>true</c>, <c>anomaly != null</c>: the header is fine, options are kept as far as they parsed:
/// <c>bad-magic-cookie</c> (no 99.130.83.99 cookie: no options are read), <c>truncated-option</c> (an option
/// length runs past the end of its field), <c>missing-end</c> (the options field ends without an end option),
/// <c>bad-option-length</c> (an interpreted option has a length its type does not allow; it is ignored).</item>
/// </list>
/// <para>Option overload (option 52) is honoured: the <c>file</c> and then the <c>sname</c> field are read as
/// further options (RFC 2131 §4.1). Repeated options are concatenated (RFC 3396).</para>
/// </remarks>
public static class DhcpMessageParser
{
    private const int FixedHeaderLength = 236;
    private const int OptionsOffset = 240;
    private const int ServerNameOffset = 44;
    private const int ServerNameLength = 64;
    private const int FileOffset = 108;
    private const int FileLength = 128;
    private const uint MagicCookie = 0x63825363; // 99.130.83.99
    private const string HexDigits = "0123456789abcdef";

    /// <summary>Parses <paramref name="datagram"/>; on failure <paramref name="anomaly"/> names what was wrong.</summary>
    public static bool TryParse(ReadOnlySpan<byte> datagram, DateTime timestamp, [NotNullWhen(true)] out DhcpMessage? message, out string? anomaly)
    {
        message = null;
        anomaly = null;

        // 1. Fixed BOOTP header (RFC 2131 §2, figure 1).
        if (datagram.Length < FixedHeaderLength)
        {
            anomaly = "short-header";
            return false;
        }

        // 2. Options: the options field, then file and sname when overloaded (RFC 2131 §4.1, RFC 2132 §9.3).
        var options = new DhcpOptionValues();
        if (datagram.Length < OptionsOffset || BinaryPrimitives.ReadUInt32BigEndian(datagram[FixedHeaderLength..]) != MagicCookie)
        {
            anomaly = "bad-magic-cookie";
        }
        else
        {
            ReadOptions(datagram[OptionsOffset..], options, ref anomaly);
            var overload = options.Get(52);
            if (overload is { Length: 1 } && overload[0] is >= 1 and <= 3)
            {
                if ((overload[0] & 1) != 0)
                {
                    ReadOptions(datagram.Slice(FileOffset, FileLength), options, ref anomaly);
                }

                if ((overload[0] & 2) != 0)
                {
                    ReadOptions(datagram.Slice(ServerNameOffset, ServerNameLength), options, ref anomaly);
                }
            }
            else if (overload is not null)
            {
                anomaly ??= "bad-option-length";
            }
        }

        // 3. Interpret.
        var messageType = options.Get(53);
        if (messageType is not null && messageType.Length != 1)
        {
            anomaly ??= "bad-option-length";
        }

        message = new DhcpMessage
        {
            Timestamp = timestamp,
            Op = datagram[0],
            TransactionId = BinaryPrimitives.ReadUInt32BigEndian(datagram[4..]),
            ClientAddress = NonZeroAddress(datagram.Slice(12, 4)),
            YourAddress = NonZeroAddress(datagram.Slice(16, 4)),
            ClientHardwareAddress = FormatHardwareAddress(datagram[1], datagram[2], datagram.Slice(28, 16)),
            MessageType = messageType is { Length: 1 } ? messageType[0] : null,
            Hostname = DecodeText(options.Get(12)),
            VendorClass = DecodeText(options.Get(60)),
            RequestedAddress = Address(options.Get(50), ref anomaly),
            ServerIdentifier = Address(options.Get(54), ref anomaly),
            ClientIdentifier = options.Get(61) is { } clientId ? Convert.ToHexStringLower(clientId) : null,
            ParameterRequestList = options.Get(55) ?? [],
            OptionCodes = options.Codes,
        };
        return true;
    }

    /// <summary>Reads code/length/value options from one field until the end option, which every field needs (RFC 2132 §2, §9.3).</summary>
    private static void ReadOptions(ReadOnlySpan<byte> field, DhcpOptionValues options, ref string? anomaly)
    {
        var position = 0;
        while (position < field.Length)
        {
            var code = field[position];
            if (code == 0)
            {
                position++;
                continue;
            }

            if (code == 255)
            {
                return;
            }

            if (position + 1 >= field.Length || position + 2 + field[position + 1] > field.Length)
            {
                anomaly ??= "truncated-option";
                return;
            }

            var length = field[position + 1];
            options.Add(code, field.Slice(position + 2, length));
            position += 2 + length;
        }

        anomaly ??= "missing-end";
    }

    private static IPAddress? NonZeroAddress(ReadOnlySpan<byte> bytes) =>
        BinaryPrimitives.ReadUInt32BigEndian(bytes) == 0 ? null : new IPAddress(bytes);

    private static IPAddress? Address(byte[]? value, ref string? anomaly)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length != 4)
        {
            anomaly ??= "bad-option-length";
            return null;
        }

        return new IPAddress(value);
    }

    /// <summary>chaddr: a colon MAC for Ethernet (htype 1, hlen 6), else the hlen bytes (at most 16) as hex.</summary>
    private static string FormatHardwareAddress(byte hardwareType, byte hardwareLength, ReadOnlySpan<byte> chaddr)
    {
        if (hardwareType == 1 && hardwareLength == 6)
        {
            Span<char> text = stackalloc char[17];
            for (var i = 0; i < 6; i++)
            {
                if (i > 0)
                {
                    text[(i * 3) - 1] = ':';
                }

                text[i * 3] = HexDigits[chaddr[i] >> 4];
                text[(i * 3) + 1] = HexDigits[chaddr[i] & 0xF];
            }

            return new string(text);
        }

        return Convert.ToHexStringLower(chaddr[..Math.Min((int)hardwareLength, chaddr.Length)]);
    }

    /// <summary>NVT ASCII in theory, UTF-8 in practice: invalid bytes become U+FFFD, trailing NULs are dropped.</summary>
    private static string? DecodeText(byte[]? value) =>
        value is null ? null : Encoding.UTF8.GetString(value).TrimEnd('\0');
}
