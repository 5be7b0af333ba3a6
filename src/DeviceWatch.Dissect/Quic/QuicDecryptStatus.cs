namespace DeviceWatch.Dissect.Quic;

/// <summary>Outcome of removing the protection of one long-header packet.</summary>
internal enum QuicDecryptStatus
{
    /// <summary>Header protection removed and the payload authenticated and decrypted.</summary>
    Decrypted,
    /// <summary>The packet is too short to hold a header protection sample (packet number offset + 4 + 16 bytes).</summary>
    TooShort,
    /// <summary>The AEAD tag did not verify: wrong keys, or corrupted bytes.</summary>
    AuthenticationFailed,
    /// <summary>This platform has no AES-GCM.</summary>
    Unsupported,
}
