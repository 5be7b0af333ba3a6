namespace DeviceWatch.Dissect.Quic;

/// <summary>The stable anomaly kinds the QUIC dissector counts under protocol <c>quic</c>.</summary>
internal static class QuicAnomaly
{
    public const string Protocol = "quic";

    /// <summary>The datagram ends inside a long header or before the end its Length field announces.</summary>
    public const string TruncatedPacket = "truncated_packet";
    /// <summary>A long header with a connection ID longer than 20 bytes.</summary>
    public const string BadHeader = "bad_header";
    /// <summary>The client's first long-header packet is of a version other than 1 and 2 (e.g. a draft or gQUIC).</summary>
    public const string UnsupportedVersion = "unsupported_version";
    /// <summary>An Initial packet too short for a header protection sample.</summary>
    public const string ShortPacket = "short_packet";
    /// <summary>An Initial packet that did not authenticate with the Initial keys.</summary>
    public const string DecryptFailed = "decrypt_failed";
    /// <summary>Reserved header bits set after header protection removal (RFC 9000 §17.2: a protocol violation).</summary>
    public const string ReservedBits = "reserved_bits";
    /// <summary>A decrypted Initial packet without frames.</summary>
    public const string EmptyPacket = "empty_packet";
    /// <summary>A frame cut short or with an impossible field.</summary>
    public const string BadFrame = "bad_frame";
    /// <summary>A frame type Initial packets may not carry.</summary>
    public const string UnexpectedFrame = "unexpected_frame";
    /// <summary>The CRYPTO stream does not start with a ClientHello.</summary>
    public const string NotClientHello = "not_client_hello";
    /// <summary>The ClientHello is longer than <c>DissectorLimits.MaxTlsHandshake</c>.</summary>
    public const string HandshakeTooLarge = "handshake_too_large";
    /// <summary>The reassembled ClientHello did not parse.</summary>
    public const string BadClientHello = "bad_client_hello";
    /// <summary>The client moved on without a complete ClientHello having been seen (lost or missing datagrams).</summary>
    public const string IncompleteClientHello = "incomplete_client_hello";
    /// <summary>The client sent datagrams but no Initial packet that could be decrypted.</summary>
    public const string NoClientInitial = "no_client_initial";
    /// <summary>This platform has no AES-GCM: Initial packets cannot be decrypted.</summary>
    public const string AesGcmUnsupported = "aes_gcm_unsupported";
}
