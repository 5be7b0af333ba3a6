using System.Text;

namespace DeviceWatch.Dissect.Dns;

/// <summary>
/// Reads a domain name with RFC 1035 §4.1.4 message compression and renders it as lower-case text without the
/// trailing dot (the root is the empty string).
/// </summary>
/// <remarks>
/// Termination: every compression pointer must point strictly before the start of the label run that contains
/// it, so each jump lands at a smaller offset than the previous run; a pointer to itself, to a later offset, or
/// two pointers pointing at each other are rejected as <see cref="DnsNameStatus.BadPointer"/>. The number of
/// jumps is also capped, and the wire length is checked against 255 as labels are read, so the work per name is
/// bounded regardless of the input.
/// Labels are decoded as UTF-8 (mDNS instance names are UTF-8, RFC 6763 §4.1.1; invalid bytes become U+FFFD).
/// A '.' or '\' inside a label and control characters are escaped in RFC 1035 §5.1 presentation form
/// (<c>\.</c>, <c>\\</c>, <c>\ddd</c>) so the text stays unambiguous.
/// </remarks>
internal static class DnsNameReader
{
    /// <summary>Longest name on the wire, length octets and the root label included (RFC 1035 §2.3.4).</summary>
    public const int MaxWireLength = 255;

    /// <summary>More than one jump per possible label is never needed.</summary>
    private const int MaxPointerJumps = 127;

    /// <summary>Reads the name at <paramref name="offset"/>; <paramref name="end"/> is the offset after it where it was written (after the first pointer, if any).</summary>
    public static DnsNameStatus TryRead(ReadOnlySpan<byte> message, int offset, out string name, out int end)
    {
        name = string.Empty;
        end = -1;

        // 1. Walk the labels, remembering where each one is; no text is built until the name is known to be valid.
        Span<int> labelOffsets = stackalloc int[MaxWireLength / 2];
        var labelCount = 0;
        var position = offset;
        var runStart = offset;
        var jumps = 0;
        var wireLength = 1; // the root label
        while (true)
        {
            if ((uint)position >= (uint)message.Length)
            {
                return DnsNameStatus.Truncated;
            }

            var lengthByte = message[position];
            if (lengthByte == 0)
            {
                if (end < 0)
                {
                    end = position + 1;
                }

                break;
            }

            switch (lengthByte & 0xC0)
            {
                case 0xC0:
                    if (position + 1 >= message.Length)
                    {
                        return DnsNameStatus.Truncated;
                    }

                    var target = ((lengthByte & 0x3F) << 8) | message[position + 1];
                    if (end < 0)
                    {
                        end = position + 2;
                    }

                    if (target >= runStart)
                    {
                        return DnsNameStatus.BadPointer;
                    }

                    if (++jumps > MaxPointerJumps)
                    {
                        return DnsNameStatus.PointerLimit;
                    }

                    position = target;
                    runStart = target;
                    continue;
                case 0x00:
                    break;
                default:
                    return DnsNameStatus.BadLabelType;
            }

            wireLength += lengthByte + 1;
            if (wireLength > MaxWireLength)
            {
                return DnsNameStatus.TooLong;
            }

            if (position + 1 + lengthByte > message.Length)
            {
                return DnsNameStatus.Truncated;
            }

            labelOffsets[labelCount++] = position;
            position += 1 + lengthByte;
        }

        // 2. Render: every label decodes to at most one char per byte, and an escape takes at most 4 chars.
        if (labelCount > 0)
        {
            Span<char> text = stackalloc char[MaxWireLength * 4];
            var written = 0;
            Span<char> decoded = stackalloc char[63];
            for (var i = 0; i < labelCount; i++)
            {
                if (i > 0)
                {
                    text[written++] = '.';
                }

                var label = message.Slice(labelOffsets[i] + 1, message[labelOffsets[i]]);
                var count = Encoding.UTF8.GetChars(label, decoded);
                foreach (var c in decoded[..count])
                {
                    written += Append(c, text[written..]);
                }
            }

            name = new string(text[..written]);
        }

        return DnsNameStatus.Ok;
    }

    /// <summary>The short stable anomaly name of a failed read.</summary>
    public static string ToAnomaly(DnsNameStatus status) => status switch
    {
        DnsNameStatus.Truncated => "truncated-name",
        DnsNameStatus.BadPointer => "bad-name-pointer",
        DnsNameStatus.PointerLimit => "name-pointer-limit",
        DnsNameStatus.TooLong => "name-too-long",
        DnsNameStatus.BadLabelType => "bad-label-type",
        _ => "bad-name",
    };

    private static int Append(char c, Span<char> destination)
    {
        if (c is '.' or '\\')
        {
            destination[0] = '\\';
            destination[1] = c;
            return 2;
        }

        if (c < ' ' || c == '\x7f')
        {
            destination[0] = '\\';
            destination[1] = (char)('0' + (c / 100));
            destination[2] = (char)('0' + (c / 10 % 10));
            destination[3] = (char)('0' + (c % 10));
            return 4;
        }

        destination[0] = char.ToLowerInvariant(c);
        return 1;
    }
}
