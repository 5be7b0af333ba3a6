namespace DeviceWatch.Dissect.Tls;

/// <summary>Per-direction reassembly state of the TLS record and handshake layers.</summary>
internal sealed class TlsDirectionState
{
    public TlsDirectionMode Mode { get; set; } = TlsDirectionMode.Cleartext;

    /// <summary>The 5-byte record header being collected.</summary>
    public byte[] RecordHeader { get; } = new byte[5];
    public int RecordHeaderLength { get; set; }
    public bool InRecord { get; set; }
    public byte RecordType { get; set; }
    public int RecordLength { get; set; }
    public int RecordRemaining { get; set; }
    public bool SawRecord { get; set; }

    /// <summary>The 4-byte handshake message header being collected.</summary>
    public byte[] HandshakeHeader { get; } = new byte[4];
    public int HandshakeHeaderLength { get; set; }
    public int HandshakeRemaining { get; set; }
    /// <summary>Body of a hello being reassembled; null while other handshake messages are skipped.</summary>
    public byte[]? HandshakeBody { get; set; }
    public int HandshakeBodyLength { get; set; }

    public byte[] Alert { get; } = new byte[2];
    public int AlertLength { get; set; }

    /// <summary>How many hellos this direction sent (a second one follows a HelloRetryRequest).</summary>
    public int Hellos { get; set; }
}
