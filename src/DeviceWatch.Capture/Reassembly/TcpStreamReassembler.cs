namespace DeviceWatch.Capture.Reassembly;

/// <summary>Reassembles one direction of a TCP connection (STUB: to be implemented).</summary>
internal sealed class TcpStreamReassembler
{
    private readonly int _maxBufferedBytes;

    /// <summary>Creates a reassembler that buffers at most <paramref name="maxBufferedBytes"/> out-of-order bytes.</summary>
    public TcpStreamReassembler(int maxBufferedBytes) => _maxBufferedBytes = maxBufferedBytes;

    /// <summary>Stream bytes lost to gaps.</summary>
    public long MissedBytes { get; private set; }

    /// <summary>Bytes delivered in order.</summary>
    public long DeliveredBytes { get; private set; }

    /// <summary>Feeds one segment.</summary>
    public void OnSegment(uint sequence, ReadOnlySpan<byte> payload, bool syn, bool fin, ITcpStreamOutput output)
    {
        _ = sequence;
        _ = syn;
        _ = fin;
        if (payload.Length > 0 && _maxBufferedBytes > 0)
        {
            DeliveredBytes += payload.Length;
            output.OnData(payload);
        }
    }

    /// <summary>Ends the stream: delivers what is buffered, counting gaps.</summary>
    public void Close(ITcpStreamOutput output) => _ = output;
}
