namespace DeviceWatch.Dissect.Quic;

/// <summary>
/// The cleartext fields of a long-header packet (RFC 9000 §17.2), as offsets into the bytes it was read from
/// (which start at the packet's first byte).
/// </summary>
internal readonly record struct QuicLongHeader
{
    /// <summary>Longest connection ID of QUIC v1 and v2 (RFC 9000 §17.2).</summary>
    public const int MaxConnectionIdLength = 20;

    public required QuicVersionParameters Version { get; init; }

    /// <summary>Long-header type bits (meaning depends on the version).</summary>
    public required int TypeBits { get; init; }

    public required int DestinationIdOffset { get; init; }

    public required int DestinationIdLength { get; init; }

    /// <summary>Offset of the (protected) packet number; for Retry packets, the end of the Source Connection ID.</summary>
    public required int PacketNumberOffset { get; init; }

    /// <summary>Offset just after the packet: where a coalesced packet would start.</summary>
    public required int PacketEnd { get; init; }

    public bool IsInitial => TypeBits == Version.InitialType;

    /// <summary>
    /// Reads the long header at the start of <paramref name="data"/> (the rest of a datagram).
    /// Version-independent checks come first, so an unsupported version is reported as such.
    /// </summary>
    public static QuicHeaderStatus TryRead(ReadOnlySpan<byte> data, out QuicLongHeader header)
    {
        header = default;
        var reader = new QuicWireReader(data);
        if (!reader.TryReadUInt8(out var first))
        {
            return QuicHeaderStatus.Truncated;
        }
        if ((first & 0x80) == 0)
        {
            return QuicHeaderStatus.ShortHeader;
        }
        if (!reader.TryReadUInt32(out var versionNumber))
        {
            return QuicHeaderStatus.Truncated;
        }
        if (versionNumber == 0)
        {
            return QuicHeaderStatus.VersionNegotiation;
        }
        var version = QuicVersionParameters.Of(versionNumber);
        if (version is null)
        {
            return QuicHeaderStatus.UnsupportedVersion;
        }

        // 1. Connection IDs: one length byte each, at most 20 bytes in v1/v2.
        if (!reader.TryReadUInt8(out var dcidLength))
        {
            return QuicHeaderStatus.Truncated;
        }
        if (dcidLength > MaxConnectionIdLength)
        {
            return QuicHeaderStatus.Invalid;
        }
        var dcidOffset = reader.Position;
        if (!reader.TryReadBytes(dcidLength, out _) || !reader.TryReadUInt8(out var scidLength))
        {
            return QuicHeaderStatus.Truncated;
        }
        if (scidLength > MaxConnectionIdLength)
        {
            return QuicHeaderStatus.Invalid;
        }
        if (!reader.TryReadBytes(scidLength, out _))
        {
            return QuicHeaderStatus.Truncated;
        }

        // 2. Type-specific fields: Retry has none (it fills the datagram), Initial has a token, all others a Length.
        var type = (first >> 4) & 0x03;
        if (type == version.RetryType)
        {
            header = new QuicLongHeader
            {
                Version = version,
                TypeBits = type,
                DestinationIdOffset = dcidOffset,
                DestinationIdLength = dcidLength,
                PacketNumberOffset = reader.Position,
                PacketEnd = data.Length,
            };
            return QuicHeaderStatus.Parsed;
        }
        if (type == version.InitialType)
        {
            if (!reader.TryReadVarInt(out var tokenLength) || !reader.TryReadBytes(tokenLength, out _))
            {
                return QuicHeaderStatus.Truncated;
            }
        }
        if (!reader.TryReadVarInt(out var length))
        {
            return QuicHeaderStatus.Truncated;
        }
        if (length > (ulong)reader.Remaining)
        {
            return QuicHeaderStatus.Truncated;
        }
        header = new QuicLongHeader
        {
            Version = version,
            TypeBits = type,
            DestinationIdOffset = dcidOffset,
            DestinationIdLength = dcidLength,
            PacketNumberOffset = reader.Position,
            PacketEnd = reader.Position + (int)length,
        };
        return QuicHeaderStatus.Parsed;
    }

    /// <summary>The Destination Connection ID within <paramref name="packet"/>.</summary>
    public ReadOnlySpan<byte> DestinationId(ReadOnlySpan<byte> packet) => packet.Slice(DestinationIdOffset, DestinationIdLength);
}
