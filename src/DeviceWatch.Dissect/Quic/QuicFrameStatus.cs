namespace DeviceWatch.Dissect.Quic;

/// <summary>Outcome of reading the frames of one decrypted Initial packet.</summary>
internal enum QuicFrameStatus
{
    /// <summary>Every frame was read.</summary>
    Complete,
    /// <summary>A frame is cut short or has an impossible field; the frames before it were used.</summary>
    Malformed,
    /// <summary>A frame type not allowed in Initial packets (RFC 9000 §12.4 Table 3); the frames before it were used.</summary>
    UnexpectedFrame,
    /// <summary>A CONNECTION_CLOSE frame: the client abandoned the handshake.</summary>
    ConnectionClose,
}
