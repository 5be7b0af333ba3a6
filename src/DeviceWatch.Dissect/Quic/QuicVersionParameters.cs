namespace DeviceWatch.Dissect.Quic;

/// <summary>
/// What differs between the QUIC versions whose Initial packets can be decrypted: the Initial salt, the
/// HKDF labels and the long-header type bits (RFC 9001 §5.2, RFC 9369 §3.2-3.3).
/// </summary>
internal sealed record QuicVersionParameters
{
    /// <summary>QUIC version 1 (RFC 9000).</summary>
    public const uint Version1 = 0x00000001;

    /// <summary>QUIC version 2 (RFC 9369).</summary>
    public const uint Version2 = 0x6b3343cf;

    /// <summary>RFC 9001 §5.2.</summary>
    public static QuicVersionParameters V1 { get; } = new()
    {
        Version = Version1,
        InitialSalt = Convert.FromHexString("38762cf7f55934b34d179ae6a4c80cadccbb7f0a"),
        KeyLabel = "quic key",
        IvLabel = "quic iv",
        HeaderProtectionLabel = "quic hp",
        InitialType = 0,
        ZeroRttType = 1,
        HandshakeType = 2,
        RetryType = 3,
    };

    /// <summary>RFC 9369 §3.2 (type bits) and §3.3 (salt and labels).</summary>
    public static QuicVersionParameters V2 { get; } = new()
    {
        Version = Version2,
        InitialSalt = Convert.FromHexString("0dede3def700a6db819381be6e269dcbf9bd2ed9"),
        KeyLabel = "quicv2 key",
        IvLabel = "quicv2 iv",
        HeaderProtectionLabel = "quicv2 hp",
        InitialType = 1,
        ZeroRttType = 2,
        HandshakeType = 3,
        RetryType = 0,
    };

    /// <summary>IETF drafts 29–32 (0xff00001d–0xff000020), still sent by older devices and apps: v1 labels, their own salt.</summary>
    public static QuicVersionParameters Draft29 { get; } = V1 with
    {
        Version = 0xff00001d,
        InitialSalt = Convert.FromHexString("afbfec289993d24c9e9786f19c6111e04390a899"),
    };

    /// <summary>IETF drafts 23–28 (0xff000017–0xff00001c): v1 labels, the draft-23 salt.</summary>
    public static QuicVersionParameters Draft23 { get; } = V1 with
    {
        Version = 0xff000017,
        InitialSalt = Convert.FromHexString("c3eef712c72ebb5a11a7d2432bb46365bef9f502"),
    };

    /// <summary>The 32-bit version field value.</summary>
    public required uint Version { get; init; }

    /// <summary>Salt of HKDF-Extract for the Initial secret.</summary>
    public required byte[] InitialSalt { get; init; }

    /// <summary>HKDF-Expand-Label label of the AEAD key.</summary>
    public required string KeyLabel { get; init; }

    /// <summary>HKDF-Expand-Label label of the AEAD IV.</summary>
    public required string IvLabel { get; init; }

    /// <summary>HKDF-Expand-Label label of the header protection key.</summary>
    public required string HeaderProtectionLabel { get; init; }

    /// <summary>Long-header type bits (first byte bits 4-5) of an Initial packet.</summary>
    public required int InitialType { get; init; }

    /// <summary>Long-header type bits of a 0-RTT packet.</summary>
    public required int ZeroRttType { get; init; }

    /// <summary>Long-header type bits of a Handshake packet.</summary>
    public required int HandshakeType { get; init; }

    /// <summary>Long-header type bits of a Retry packet (no Length field: it fills the rest of the datagram).</summary>
    public required int RetryType { get; init; }

    /// <summary>The parameters of <paramref name="version"/>, or null for versions whose Initials cannot be read.</summary>
    public static QuicVersionParameters? Of(uint version) => version switch
    {
        Version1 => V1,
        Version2 => V2,
        >= 0xff00001d and <= 0xff000020 => Draft29 with { Version = version },
        >= 0xff000017 and <= 0xff00001c => Draft23 with { Version = version },
        _ => null,
    };
}
