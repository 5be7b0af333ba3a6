using System.Numerics;

namespace DeviceWatch.Dissect.Quic;

/// <summary>
/// Reassembles the Initial CRYPTO stream by offset (RFC 9000 §19.6): frames may arrive in any order, repeated or
/// overlapping, across packets and datagrams. Only bytes below <see cref="Capacity"/> are kept; buffers grow with
/// the highest offset actually received, so a far offset in a small frame does not allocate the whole capacity.
/// </summary>
internal sealed class QuicCryptoReassembler
{
    private byte[] _data = [];
    private ulong[] _received = [];

    /// <param name="capacity">Most stream bytes kept (the handshake message limit plus its 4-byte header).</param>
    public QuicCryptoReassembler(int capacity) => Capacity = capacity;

    /// <summary>Stream bytes beyond this offset are dropped.</summary>
    public int Capacity { get; private set; }

    /// <summary>Length of the gap-free prefix received so far.</summary>
    public int Contiguous { get; private set; }

    /// <summary>The gap-free prefix.</summary>
    public ReadOnlySpan<byte> Prefix => _data.AsSpan(0, Contiguous);

    /// <summary>Lowers the capacity once the message length is known.</summary>
    public void Shrink(int capacity) => Capacity = Math.Min(Capacity, capacity);

    /// <summary>Adds the data of one CRYPTO frame at <paramref name="offset"/>; the part at or beyond <see cref="Capacity"/> is dropped.</summary>
    public void Add(ulong offset, ReadOnlySpan<byte> data)
    {
        if (offset >= (ulong)Capacity || data.IsEmpty)
        {
            return;
        }
        var start = (int)offset;
        var length = Math.Min(data.Length, Capacity - start);
        var end = start + length;
        if (end > _data.Length)
        {
            // Grow to the larger of what is needed and double, never past the capacity.
            var size = (int)Math.Min(Capacity, Math.Max(end, Math.Min((long)_data.Length * 2, int.MaxValue)));
            Array.Resize(ref _data, size);
            Array.Resize(ref _received, (size + 63) / 64);
        }
        data[..length].CopyTo(_data.AsSpan(start));
        MarkReceived(start, end);
        AdvanceContiguous();
    }

    private void MarkReceived(int start, int end)
    {
        for (var i = start; i < end;)
        {
            var word = i >> 6;
            var bit = i & 63;
            var count = Math.Min(64 - bit, end - i);
            var bits = count == 64 ? ulong.MaxValue : ((1UL << count) - 1) << bit;
            _received[word] |= bits;
            i += count;
        }
    }

    private void AdvanceContiguous()
    {
        var limit = Math.Min(Capacity, _data.Length);
        var position = Contiguous;
        while (position < limit)
        {
            var word = position >> 6;
            var bit = position & 63;
            var missing = ~_received[word] >> bit;
            if (missing == 0)
            {
                position += 64 - bit;
                continue;
            }
            position += BitOperations.TrailingZeroCount(missing);
            break;
        }
        Contiguous = Math.Min(position, limit);
    }
}
