namespace DeviceWatch.Dissect.Quic;

/// <summary>
/// Reads the frames of a decrypted Initial packet (RFC 9000 §19): PADDING, PING, ACK and CRYPTO (whose data goes to the
/// reassembler); stops at CONNECTION_CLOSE and at any frame type that Initial packets may not carry.
/// </summary>
internal static class QuicInitialFrameReader
{
    private const ulong Padding = 0x00;
    private const ulong Ping = 0x01;
    private const ulong Ack = 0x02;
    private const ulong AckEcn = 0x03;
    private const ulong Crypto = 0x06;
    private const ulong ConnectionCloseTransport = 0x1c;
    private const ulong ConnectionCloseApplication = 0x1d;
    /// <summary>Largest CRYPTO stream offset plus length (RFC 9000 §19.6).</summary>
    private const ulong MaxStreamOffset = (1UL << 62) - 1;

    public static QuicFrameStatus Read(ReadOnlySpan<byte> payload, QuicCryptoReassembler crypto)
    {
        var reader = new QuicWireReader(payload);
        while (reader.Remaining > 0)
        {
            if (!reader.TryReadVarInt(out var type))
            {
                return QuicFrameStatus.Malformed;
            }
            switch (type)
            {
                case Padding:
                    reader.SkipZeros();
                    break;
                case Ping:
                    break;
                case Ack:
                case AckEcn:
                    if (!TrySkipAck(ref reader, type == AckEcn))
                    {
                        return QuicFrameStatus.Malformed;
                    }
                    break;
                case Crypto:
                    if (!reader.TryReadVarInt(out var offset)
                        || !reader.TryReadVarInt(out var length)
                        || !reader.TryReadBytes(length, out var data)
                        || offset + length > MaxStreamOffset)
                    {
                        return QuicFrameStatus.Malformed;
                    }
                    crypto.Add(offset, data);
                    break;
                case ConnectionCloseTransport:
                case ConnectionCloseApplication:
                    return QuicFrameStatus.ConnectionClose;
                default:
                    return QuicFrameStatus.UnexpectedFrame;
            }
        }
        return QuicFrameStatus.Complete;
    }

    /// <summary>ACK (RFC 9000 §19.3): largest, delay, range count, first range, ranges of (gap, length), ECN counts.</summary>
    private static bool TrySkipAck(ref QuicWireReader reader, bool ecn)
    {
        if (!reader.TryReadVarInt(out _) || !reader.TryReadVarInt(out _)
            || !reader.TryReadVarInt(out var rangeCount) || !reader.TryReadVarInt(out _))
        {
            return false;
        }
        // Each range is at least two bytes: a count beyond what is left is malformed (and bounds the loop).
        if (rangeCount > (ulong)reader.Remaining / 2)
        {
            return false;
        }
        for (ulong i = 0; i < rangeCount; i++)
        {
            if (!reader.TryReadVarInt(out _) || !reader.TryReadVarInt(out _))
            {
                return false;
            }
        }
        return !ecn || (reader.TryReadVarInt(out _) && reader.TryReadVarInt(out _) && reader.TryReadVarInt(out _));
    }
}
