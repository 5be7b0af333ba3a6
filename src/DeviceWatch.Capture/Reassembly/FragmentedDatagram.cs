using System.Buffers;

namespace DeviceWatch.Capture.Reassembly;

/// <summary>
/// The fragments received so far of one IP datagram: the fragmentable part is collected in one pooled buffer
/// (first copy of each byte wins) with a sorted list of the byte ranges present; the header comes from the
/// fragment at offset 0.
/// </summary>
internal sealed class FragmentedDatagram
{
    // Merged, sorted, non-overlapping [Start, End) ranges of payload bytes present.
    private readonly List<(int Start, int End)> _present = [];
    private byte[] _buffer = [];

    /// <summary>Creates an empty datagram first seen at <paramref name="firstSeen"/>.</summary>
    public FragmentedDatagram(DateTime firstSeen) => FirstSeen = firstSeen;

    /// <summary>Timestamp of the first fragment; the timeout counts from here.</summary>
    public DateTime FirstSeen { get; }

    /// <summary>Copy of the header (everything before the fragmentable part) of the offset-0 fragment.</summary>
    public byte[]? Header { get; private set; }

    /// <summary>Length of the fragmentable part, known once the last fragment (more-fragments clear) arrived.</summary>
    public int? PayloadLength { get; private set; }

    /// <summary>Payload bytes held (each byte once).</summary>
    public int ReceivedBytes { get; private set; }

    /// <summary>True when the header and every payload byte up to the known end are present.</summary>
    public bool IsComplete =>
        Header is not null && PayloadLength is int length && ReceivedBytes == length;

    /// <summary>True once the datagram was given up; later fragments are ignored until it expires.</summary>
    public bool IsFailed { get; private set; }

    /// <summary>The reassembled payload (valid when <see cref="IsComplete"/>).</summary>
    public ReadOnlySpan<byte> Payload => _buffer.AsSpan(0, PayloadLength ?? 0);

    /// <summary>
    /// Adds the fragment holding payload bytes [<paramref name="offset"/>, offset + data length).
    /// <paramref name="maxPayloadLength"/> bounds the end; <paramref name="overlapBytes"/> counts bytes already present.
    /// </summary>
    public FragmentAddResult Add(int offset, ReadOnlySpan<byte> data, bool moreFragments, int maxPayloadLength, out int overlapBytes)
    {
        overlapBytes = 0;
        int end = offset + data.Length;
        if (end > maxPayloadLength)
        {
            return FragmentAddResult.TooLarge;
        }

        // 1. The end of the datagram: fixed by the last fragment, and no byte may lie beyond it.
        if (!moreFragments)
        {
            if (PayloadLength is int known ? known != end : HighestEnd > end)
            {
                return FragmentAddResult.Inconsistent;
            }

            PayloadLength = end;
        }
        else if (PayloadLength is int known && end > known)
        {
            return FragmentAddResult.Inconsistent;
        }

        if (data.IsEmpty)
        {
            return FragmentAddResult.Accepted;
        }

        // 2. Copy only the bytes not present yet (first copy wins), merging the present ranges.
        EnsureCapacity(end);
        int cursor = offset;
        int index = 0;
        while (index < _present.Count && _present[index].End < offset)
        {
            index++;
        }

        int mergedStart = offset;
        int mergedEnd = end;
        int firstMerged = index;
        while (index < _present.Count && _present[index].Start <= end)
        {
            (int start, int stop) = _present[index];
            if (start > cursor)
            {
                Copy(data, offset, cursor, start);
            }

            overlapBytes += Math.Max(0, Math.Min(stop, end) - Math.Max(start, cursor));
            cursor = Math.Max(cursor, stop);
            mergedStart = Math.Min(mergedStart, start);
            mergedEnd = Math.Max(mergedEnd, stop);
            index++;
        }

        if (cursor < end)
        {
            Copy(data, offset, cursor, end);
        }

        _present.RemoveRange(firstMerged, index - firstMerged);
        _present.Insert(firstMerged, (mergedStart, mergedEnd));
        return FragmentAddResult.Accepted;
    }

    /// <summary>Keeps a copy of the header of the offset-0 fragment (the first one received wins).</summary>
    public void SetHeader(ReadOnlySpan<byte> header) => Header ??= header.ToArray();

    /// <summary>Gives the datagram up, releasing its buffer.</summary>
    public void Fail()
    {
        IsFailed = true;
        Release();
    }

    /// <summary>Returns the pooled buffer; the datagram must not be used afterwards except for <see cref="IsFailed"/>.</summary>
    public void Release()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }

        _present.Clear();
        ReceivedBytes = 0;
    }

    private int HighestEnd => _present.Count > 0 ? _present[^1].End : 0;

    private void Copy(ReadOnlySpan<byte> data, int dataOffset, int from, int to)
    {
        data[(from - dataOffset)..(to - dataOffset)].CopyTo(_buffer.AsSpan(from));
        ReceivedBytes += to - from;
    }

    private void EnsureCapacity(int length)
    {
        if (_buffer.Length >= length)
        {
            return;
        }

        byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Max(length, Math.Min(2 * _buffer.Length, 65_536)));
        _buffer.AsSpan().CopyTo(larger);
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = larger;
    }
}
