namespace DeviceWatch.Capture.Reassembly;

/// <summary>
/// The datagrams being reassembled, by fragment key, oldest first: bounded in number (the oldest is evicted)
/// and in age (measured on packet timestamps, expired lazily). Holds the logic and counters shared by
/// <see cref="Ipv4Defragmenter"/> and <see cref="Ipv6Defragmenter"/> (through <see cref="Defragmenter{TKey}"/>); they parse headers and build packets.
/// </summary>
internal sealed class FragmentTable<TKey>
    where TKey : notnull
{
    private readonly Dictionary<TKey, LinkedListNode<KeyValuePair<TKey, FragmentedDatagram>>> _byKey = [];
    private readonly LinkedList<KeyValuePair<TKey, FragmentedDatagram>> _byAge = new();
    private readonly int _maxPendingDatagrams;
    private readonly TimeSpan _timeout;

    /// <summary>Creates a table holding at most <paramref name="maxPendingDatagrams"/> datagrams for at most <paramref name="timeout"/>.</summary>
    public FragmentTable(int maxPendingDatagrams, TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPendingDatagrams);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        _maxPendingDatagrams = maxPendingDatagrams;
        _timeout = timeout;
    }

    /// <summary>Datagrams currently pending (including given-up ones kept to swallow their late fragments).</summary>
    public int Count => _byKey.Count;

    /// <summary>Datagrams given up: timed out, evicted, too large or inconsistent.</summary>
    public long Dropped => TimedOut + Evicted + Rejected;

    /// <summary>Datagrams dropped because not all fragments arrived within the timeout.</summary>
    public long TimedOut { get; private set; }

    /// <summary>Datagrams evicted (oldest first) to make room for a new one.</summary>
    public long Evicted { get; private set; }

    /// <summary>Datagrams given up because they would exceed the size limit or their fragments contradict each other.</summary>
    public long Rejected { get; private set; }

    /// <summary>Datagrams reassembled.</summary>
    public long Completed { get; private set; }

    /// <summary>Fragments ignored because their datagram was already given up.</summary>
    public long IgnoredFragments { get; private set; }

    /// <summary>Fragment bytes that were already present (the first copy was kept).</summary>
    public long OverlapBytes { get; private set; }

    /// <summary>Drops the datagrams first seen more than the timeout before <paramref name="now"/>; returns how many.</summary>
    public int Expire(DateTime now)
    {
        int expired = 0;
        while (_byAge.First is { } oldest && now - oldest.Value.Value.FirstSeen > _timeout)
        {
            RemoveNode(oldest);
            if (!oldest.Value.Value.IsFailed)
            {
                TimedOut++;
                expired++;
            }
        }

        return expired;
    }

    /// <summary>
    /// Adds one fragment's payload bytes [<paramref name="offset"/>, offset + length) to the datagram of
    /// <paramref name="key"/>. Returns the datagram when it is complete, having removed it from the table
    /// (the caller builds the packet, then calls <see cref="FragmentedDatagram.Release"/>); else null.
    /// <paramref name="header"/> is kept from the offset-0 fragment.
    /// </summary>
    public FragmentedDatagram? Add(
        TKey key,
        DateTime timestamp,
        int offset,
        ReadOnlySpan<byte> payload,
        bool moreFragments,
        ReadOnlySpan<byte> header,
        int maxPayloadLength)
    {
        // 1. Find the datagram, dropping it when it is older than the timeout (timestamps may not be monotonic).
        Expire(timestamp);
        FragmentedDatagram? datagram = null;
        if (_byKey.TryGetValue(key, out var node))
        {
            if (timestamp - node.Value.Value.FirstSeen > _timeout)
            {
                RemoveNode(node);
                if (!node.Value.Value.IsFailed)
                {
                    TimedOut++;
                }
            }
            else
            {
                datagram = node.Value.Value;
            }
        }

        if (datagram is null)
        {
            if (_byKey.Count >= _maxPendingDatagrams && _byAge.First is { } oldest)
            {
                RemoveNode(oldest);
                if (!oldest.Value.Value.IsFailed)
                {
                    Evicted++;
                }
            }

            datagram = new FragmentedDatagram(timestamp);
            _byKey.Add(key, _byAge.AddLast(new KeyValuePair<TKey, FragmentedDatagram>(key, datagram)));
        }

        if (datagram.IsFailed)
        {
            IgnoredFragments++;
            return null;
        }

        // 2. Add the bytes; a datagram that cannot be completed sensibly is given up but kept until it expires,
        //    so its remaining fragments do not start a new one.
        FragmentAddResult result = datagram.Add(offset, payload, moreFragments, maxPayloadLength, out int overlap);
        OverlapBytes += overlap;
        if (result != FragmentAddResult.Accepted)
        {
            Reject(datagram);
            return null;
        }

        if (offset == 0)
        {
            datagram.SetHeader(header);
        }

        if (!datagram.IsComplete)
        {
            return null;
        }

        _byKey.Remove(key, out node);
        _byAge.Remove(node!);
        Completed++;
        return datagram;
    }

    /// <summary>Gives up a datagram (e.g. the reassembled packet would be too large).</summary>
    public void Reject(FragmentedDatagram datagram)
    {
        Rejected++;
        datagram.Fail();
    }

    /// <summary>Counts a datagram that arrived in one piece (an atomic fragment) as completed.</summary>
    public void CountCompleted() => Completed++;

    private void RemoveNode(LinkedListNode<KeyValuePair<TKey, FragmentedDatagram>> node)
    {
        _byAge.Remove(node);
        _byKey.Remove(node.Value.Key);
        node.Value.Value.Release();
    }
}
