namespace DeviceWatch.Dissect.Mqtt;

/// <summary>Per-direction reassembly state: fixed header, then a buffered packet body or a streamed PUBLISH.</summary>
internal sealed class MqttDirectionState
{
    /// <summary>A gap was seen: this direction is no longer read.</summary>
    public bool Dead { get; set; }

    /// <summary>Fixed-header bytes read so far (first byte plus remaining-length bytes).</summary>
    public int HeaderBytes { get; set; }
    public byte FirstByte { get; set; }
    public int RemainingLength { get; set; }
    public bool InPacket { get; set; }
    public int PacketRemaining { get; set; }
    public bool Skipping { get; set; }

    /// <summary>Body of a non-PUBLISH packet (grown as bytes arrive, never beyond the declared length).</summary>
    public byte[]? Body { get; set; }
    public int BodyLength { get; set; }

    /// <summary>PUBLISH variable header bytes collected so far, and how many are needed for the next parse attempt.</summary>
    public byte[]? Prefix { get; set; }
    public int PrefixLength { get; set; }
    public int PrefixNeeded { get; set; }
    public MqttPublishHeader? Publish { get; set; }
    public byte[]? Capture { get; set; }
    public int CaptureLength { get; set; }
    public long PayloadLength { get; set; }

    public void ResetPacket()
    {
        HeaderBytes = 0;
        RemainingLength = 0;
        InPacket = false;
        PacketRemaining = 0;
        Skipping = false;
        Body = null;
        BodyLength = 0;
        Prefix = null;
        PrefixLength = 0;
        PrefixNeeded = 0;
        Publish = null;
        Capture = null;
        CaptureLength = 0;
        PayloadLength = 0;
    }
}
