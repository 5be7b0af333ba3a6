using System.Buffers;

namespace DeviceWatch.Capture.Reassembly;

/// <summary>
/// Reassembles one direction of a TCP connection into an in-order byte stream, delivering each stream byte
/// exactly once to an <see cref="ITcpStreamOutput"/> and reporting bytes that were never seen as gaps.
/// </summary>
/// <remarks>
/// <para>
/// Sequence numbers are mapped to 64-bit offsets relative to the first data byte (the SYN's sequence + 1, or
/// the first segment seen when the capture started mid-connection), so wrap-around at 2^32 is invisible to
/// the rest of the code. A segment is placed relative to the next byte expected, so it may lie up to
/// <see cref="MaxSegmentDistance"/> ahead or behind; anything further is bogus and dropped.
/// </para>
/// <para>
/// Overlaps: the FIRST copy of a byte wins (bytes already delivered or buffered are kept, only the new part of
/// a segment is used), like most stacks. In-order bytes go straight from the caller's span to the output;
/// out-of-order bytes are copied into pooled buffers, at most <c>maxBufferedBytes</c> of them. When a new
/// out-of-order segment does not fit, the earliest hole is given up (<see cref="ITcpStreamOutput.OnGap"/>)
/// and the buffered bytes after it are delivered, so memory stays bounded.
/// </para>
/// </remarks>
internal sealed class TcpStreamReassembler
{
    /// <summary>Segments further than this (1 GiB) ahead of or behind the next expected byte are bogus.</summary>
    public const long MaxSegmentDistance = 1L << 30;

    private readonly int _maxBufferedBytes;
    private readonly int _maxBufferedSegments;

    // Out-of-order bytes, sorted by Start, never overlapping, every Start > _next.
    private readonly List<BufferedSegment> _buffered = [];

    private uint _baseSequence;
    private long _next;
    private long _fin = -1;
    private bool _segmentInconsistent;

    /// <summary>Creates a reassembler that buffers at most <paramref name="maxBufferedBytes"/> out-of-order bytes.</summary>
    public TcpStreamReassembler(int maxBufferedBytes)
        : this(maxBufferedBytes, DefaultMaxBufferedSegments(maxBufferedBytes))
    {
    }

    /// <summary>
    /// Creates a reassembler that buffers at most <paramref name="maxBufferedBytes"/> out-of-order bytes in at
    /// most <paramref name="maxBufferedSegments"/> separate pieces (a bound on per-piece overhead when a peer
    /// sends many tiny out-of-order segments).
    /// </summary>
    public TcpStreamReassembler(int maxBufferedBytes, int maxBufferedSegments)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBufferedBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBufferedSegments);
        _maxBufferedBytes = maxBufferedBytes;
        _maxBufferedSegments = maxBufferedSegments;
    }

    /// <summary>Stream bytes lost to gaps (never seen, or given up when the buffer was full).</summary>
    public long MissedBytes { get; private set; }

    /// <summary>Bytes delivered in order.</summary>
    public long DeliveredBytes { get; private set; }

    /// <summary>Number of <see cref="ITcpStreamOutput.OnGap"/> calls.</summary>
    public long Gaps { get; private set; }

    /// <summary>
    /// Bytes received again at or behind the delivery point (retransmissions of delivered data, data behind a
    /// skipped gap, or data before the first byte of a stream picked up mid-connection); dropped.
    /// </summary>
    public long RetransmittedBytes { get; private set; }

    /// <summary>Bytes received again while an earlier copy was still buffered; the earlier copy was kept.</summary>
    public long OverlapBytes { get; private set; }

    /// <summary>Segments whose bytes overlapping a buffered earlier copy differ from it.</summary>
    public long InconsistentOverlaps { get; private set; }

    /// <summary>Segments dropped because they lie more than <see cref="MaxSegmentDistance"/> from the next expected byte.</summary>
    public long BogusSegments { get; private set; }

    /// <summary>Bytes ignored because they lie at or beyond the FIN.</summary>
    public long BeyondFinBytes { get; private set; }

    /// <summary>Bytes of segments fed after <see cref="Close"/>; ignored.</summary>
    public long BytesAfterClose { get; private set; }

    /// <summary>Out-of-order bytes currently buffered.</summary>
    public long BufferedBytes { get; private set; }

    /// <summary>The most out-of-order bytes ever buffered at once (never above the limit).</summary>
    public long PeakBufferedBytes { get; private set; }

    /// <summary>Separate buffered pieces currently held.</summary>
    public int BufferedSegments => _buffered.Count;

    /// <summary>True once a segment (SYN or otherwise) fixed the first byte of the stream.</summary>
    public bool IsStarted { get; private set; }

    /// <summary>True once a SYN fixed the first byte of the stream (not picked up mid-connection).</summary>
    public bool SawSyn { get; private set; }

    /// <summary>True once a FIN's sequence number is known.</summary>
    public bool SawFin => _fin >= 0;

    /// <summary>
    /// True once the stream has ended: the FIN was reached in order (every byte before it delivered or
    /// reported as a gap), or <see cref="Close"/> was called.
    /// </summary>
    public bool IsFinished { get; private set; }

    /// <summary>True once <see cref="Close"/> was called.</summary>
    public bool IsClosed { get; private set; }

    /// <summary>Sequence number of the first stream byte (valid once <see cref="IsStarted"/>).</summary>
    public uint InitialSequence => _baseSequence;

    /// <summary>Sequence number of the next byte to deliver (valid once <see cref="IsStarted"/>).</summary>
    public uint NextSequence => unchecked(_baseSequence + (uint)_next);

    /// <summary>Stream offset of the next byte to deliver: delivered plus missed bytes.</summary>
    public long NextOffset => _next;

    /// <summary>Feeds one segment.</summary>
    /// <param name="sequence">The segment's sequence number (of the SYN itself when <paramref name="syn"/>).</param>
    /// <param name="payload">TCP payload; read during the call only, copied if it must be kept.</param>
    /// <param name="syn">SYN flag: the first data byte is <paramref name="sequence"/> + 1.</param>
    /// <param name="fin">FIN flag: the stream ends after this segment's payload.</param>
    /// <param name="output">Receives the bytes that became deliverable in order, and gaps.</param>
    public void OnSegment(uint sequence, ReadOnlySpan<byte> payload, bool syn, bool fin, ITcpStreamOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (IsClosed)
        {
            BytesAfterClose += payload.Length;
            return;
        }

        // 1. Place the segment in the stream: the SYN takes one sequence number before the first data byte.
        uint dataSequence = syn ? unchecked(sequence + 1) : sequence;
        if (!IsStarted)
        {
            IsStarted = true;
            SawSyn = syn;
            _baseSequence = dataSequence;
        }

        long start = RelativeOffset(dataSequence);
        long distance = start - _next;
        if (distance > MaxSegmentDistance || distance < -MaxSegmentDistance)
        {
            BogusSegments++;
            return;
        }

        // 2. FIN: the first FIN seen fixes the end; bytes at or beyond it are ignored.
        long end = start + payload.Length;
        if (fin)
        {
            RecordFin(end);
        }

        if (_fin >= 0 && end > _fin)
        {
            int keep = (int)Math.Max(0, _fin - start);
            BeyondFinBytes += payload.Length - keep;
            payload = payload[..keep];
        }

        // 3. Data: deliver what is in order, buffer the rest.
        if (!payload.IsEmpty)
        {
            AcceptData(start, payload, output);
        }

        UpdateFinished();
    }

    /// <summary>
    /// Ends the stream: delivers what is buffered, reporting each hole before it (and the hole before a known
    /// FIN) as a gap, then marks the stream finished. Later segments are ignored.
    /// </summary>
    public void Close(ITcpStreamOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (IsClosed)
        {
            return;
        }

        while (_buffered.Count > 0)
        {
            SkipFirstHole(ReadOnlySpan<byte>.Empty, _next, _next, output);
        }

        if (_fin > _next)
        {
            Gap(_fin - _next, output);
        }

        IsClosed = true;
        IsFinished = true;
    }

    private static int DefaultMaxBufferedSegments(int maxBufferedBytes) =>
        (int)Math.Clamp(maxBufferedBytes / 64L, 64, 1 << 20);

    private long RelativeOffset(uint sequence)
    {
        // Signed 32-bit distance from the next expected sequence number, so wrap-around is handled.
        int delta = unchecked((int)(sequence - NextSequence));
        return _next + delta;
    }

    private void RecordFin(long finOffset)
    {
        if (_fin >= 0 || finOffset < _next)
        {
            return; // first FIN wins; a FIN behind delivered data is bogus
        }

        _fin = finOffset;

        // Drop buffered bytes that turn out to lie beyond the FIN.
        for (int i = _buffered.Count - 1; i >= 0; i--)
        {
            BufferedSegment segment = _buffered[i];
            if (segment.End <= _fin)
            {
                break;
            }

            int keep = (int)Math.Max(0, _fin - segment.Start);
            BeyondFinBytes += segment.Length - keep;
            BufferedBytes -= segment.Length - keep;
            if (keep == 0)
            {
                ArrayPool<byte>.Shared.Return(segment.Buffer);
                _buffered.RemoveAt(i);
            }
            else
            {
                _buffered[i] = segment with { Length = keep };
            }
        }
    }

    private void UpdateFinished()
    {
        if (_fin >= 0 && _next >= _fin)
        {
            IsFinished = true;
        }
    }

    private void AcceptData(long start, ReadOnlySpan<byte> payload, ITcpStreamOutput output)
    {
        long end = start + payload.Length;
        if (end <= _next)
        {
            RetransmittedBytes += payload.Length;
            return;
        }

        long cursor = start;
        if (cursor < _next)
        {
            RetransmittedBytes += _next - cursor;
            cursor = _next;
        }

        _segmentInconsistent = false;

        // Walk [cursor, end): in-order pieces are delivered from the span, pieces already buffered are
        // compared and dropped, new out-of-order pieces are copied into the buffer.
        while (cursor < end)
        {
            if (cursor == _next)
            {
                long limit = _buffered.Count > 0 ? Math.Min(end, _buffered[0].Start) : end;
                Deliver(payload.Slice((int)(cursor - start), (int)(limit - cursor)), output);
                DrainContiguous(payload, start, limit, output);
                cursor = Math.Max(limit, Math.Min(end, _next));
                continue;
            }

            int index = FirstEndingAfter(cursor);
            if (index < _buffered.Count && _buffered[index].Start <= cursor)
            {
                BufferedSegment segment = _buffered[index];
                long overlapEnd = Math.Min(end, segment.End);
                CompareOverlap(segment, cursor, overlapEnd, payload, start);
                cursor = overlapEnd;
                continue;
            }

            long pieceEnd = index < _buffered.Count ? Math.Min(end, _buffered[index].Start) : end;
            int pieceLength = (int)(pieceEnd - cursor);
            if (BufferedBytes + pieceLength > _maxBufferedBytes || _buffered.Count >= _maxBufferedSegments)
            {
                // No room: give up the earliest hole. If nothing is buffered before this piece, the piece
                // itself is the earliest data and becomes in order.
                if (index == 0)
                {
                    Gap(cursor - _next, output);
                }
                else
                {
                    SkipFirstHole(payload, start, cursor, output);
                    cursor = Math.Max(cursor, Math.Min(end, _next));
                }

                continue;
            }

            Store(index, cursor, payload.Slice((int)(cursor - start), pieceLength));
            cursor = pieceEnd;
        }

        if (_segmentInconsistent)
        {
            InconsistentOverlaps++;
        }
    }

    private int FirstEndingAfter(long offset)
    {
        int low = 0;
        int high = _buffered.Count;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (_buffered[middle].End > offset)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }

    private void Store(int index, long offset, ReadOnlySpan<byte> data)
    {
        // Append to the previous piece when it ends right here and its pooled array has room.
        if (index > 0)
        {
            BufferedSegment previous = _buffered[index - 1];
            if (previous.End == offset && previous.Buffer.Length - previous.Length >= data.Length)
            {
                data.CopyTo(previous.Buffer.AsSpan(previous.Length));
                _buffered[index - 1] = previous with { Length = previous.Length + data.Length };
                AddBuffered(data.Length);
                return;
            }
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(data.Length);
        data.CopyTo(buffer);
        _buffered.Insert(index, new BufferedSegment(offset, buffer, data.Length));
        AddBuffered(data.Length);
    }

    private void AddBuffered(int length)
    {
        BufferedBytes += length;
        PeakBufferedBytes = Math.Max(PeakBufferedBytes, BufferedBytes);
    }

    private void SkipFirstHole(ReadOnlySpan<byte> payload, long start, long cursor, ITcpStreamOutput output)
    {
        Gap(_buffered[0].Start - _next, output);
        DrainContiguous(payload, start, cursor, output);
    }

    /// <summary>
    /// Delivers the buffered pieces that start at the delivery point, comparing them with the part of the
    /// current segment (<paramref name="payload"/> at <paramref name="start"/>) from <paramref name="cursor"/> on.
    /// </summary>
    private void DrainContiguous(ReadOnlySpan<byte> payload, long start, long cursor, ITcpStreamOutput output)
    {
        long end = start + payload.Length;
        int drained = 0;
        while (drained < _buffered.Count && _buffered[drained].Start == _next)
        {
            BufferedSegment segment = _buffered[drained];
            long overlapStart = Math.Max(segment.Start, cursor);
            long overlapEnd = Math.Min(segment.End, end);
            if (overlapEnd > overlapStart)
            {
                CompareOverlap(segment, overlapStart, overlapEnd, payload, start);
            }

            Deliver(segment.Data, output);
            BufferedBytes -= segment.Length;
            ArrayPool<byte>.Shared.Return(segment.Buffer);
            drained++;
        }

        if (drained > 0)
        {
            _buffered.RemoveRange(0, drained);
        }
    }

    private void CompareOverlap(BufferedSegment segment, long from, long to, ReadOnlySpan<byte> payload, long start)
    {
        int length = (int)(to - from);
        OverlapBytes += length;
        ReadOnlySpan<byte> kept = segment.Buffer.AsSpan((int)(from - segment.Start), length);
        if (!kept.SequenceEqual(payload.Slice((int)(from - start), length)))
        {
            _segmentInconsistent = true;
        }
    }

    private void Deliver(ReadOnlySpan<byte> data, ITcpStreamOutput output)
    {
        if (data.IsEmpty)
        {
            return;
        }

        _next += data.Length;
        DeliveredBytes += data.Length;
        output.OnData(data);
    }

    private void Gap(long length, ITcpStreamOutput output)
    {
        if (length <= 0)
        {
            return;
        }

        _next += length;
        MissedBytes += length;
        Gaps++;
        output.OnGap(length);
    }
}
