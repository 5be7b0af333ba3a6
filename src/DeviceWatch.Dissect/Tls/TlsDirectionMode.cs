namespace DeviceWatch.Dissect.Tls;

/// <summary>Where one direction of a TLS connection is, as far as cleartext is concerned.</summary>
internal enum TlsDirectionMode
{
    /// <summary>Records are cleartext: handshake messages and alerts can be read.</summary>
    Cleartext,
    /// <summary>ChangeCipherSpec was sent after a HelloRetryRequest: only a second cleartext hello may follow.</summary>
    AfterChangeCipherSpec,
    /// <summary>Encrypted, given up, or closed: nothing more is read in this direction.</summary>
    Finished,
}
