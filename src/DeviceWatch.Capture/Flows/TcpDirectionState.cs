using DeviceWatch.Capture.Reassembly;

namespace DeviceWatch.Capture.Flows;

/// <summary>Sequence-space bookkeeping and reassembly for one direction of a TCP flow.</summary>
internal sealed class TcpDirectionState
{
    private bool _hasStart;
    private uint _start;
    private long _highestEnd;

    public TcpDirectionState(int maxBufferedBytes) => Reassembler = new TcpStreamReassembler(maxBufferedBytes);

    public TcpStreamReassembler Reassembler { get; }

    public bool SawSyn { get; set; }
    public bool SawFin { get; set; }
    public bool SawRst { get; set; }

    /// <summary>Payload bytes in sequence space (retransmissions counted once), like Zeek's orig_bytes/resp_bytes.</summary>
    public long SequenceBytes => Math.Max(0, _highestEnd);

    /// <summary>Tracks the highest sequence number seen, with 32-bit wrap-around.</summary>
    public void Track(uint sequence, bool syn, int payloadLength)
    {
        if (!_hasStart)
        {
            _start = syn ? sequence + 1 : sequence;
            _hasStart = true;
        }

        if (payloadLength == 0)
        {
            return;
        }

        var dataStart = syn ? sequence + 1 : sequence;
        // Relative to the highest byte seen so far, so flows longer than 2 GiB unwrap correctly.
        var highestWire = unchecked(_start + (uint)_highestEnd);
        var relative = _highestEnd + (int)(dataStart - highestWire);
        var end = relative + payloadLength;
        if (end > _highestEnd && relative < _highestEnd + (1L << 30))
        {
            _highestEnd = end;
        }
    }
}
