namespace DeviceWatch.Capture.Reassembly;

/// <summary>
/// What <see cref="Ipv4Defragmenter"/> and <see cref="Ipv6Defragmenter"/> share: the bounded
/// <see cref="FragmentTable{TKey}"/> of pending datagrams, its expiry and its counters. The subclasses parse their
/// headers, count malformed packets and build the reassembled packets.
/// </summary>
/// <typeparam name="TKey">What identifies the fragments of one datagram.</typeparam>
internal abstract class Defragmenter<TKey>
    where TKey : notnull
{
    /// <summary>Timeout used when none is given.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Creates the table: at most <paramref name="maxPendingDatagrams"/> datagrams, each for at most <paramref name="timeout"/>.</summary>
    protected Defragmenter(int maxPendingDatagrams, TimeSpan? timeout)
    {
        Table = new FragmentTable<TKey>(maxPendingDatagrams, timeout ?? DefaultTimeout);
    }

    /// <summary>The datagrams being reassembled.</summary>
    protected FragmentTable<TKey> Table { get; }

    /// <summary>Drops the datagrams whose first fragment is older than the timeout at <paramref name="now"/> (a packet timestamp); returns how many.</summary>
    public int Expire(DateTime now) => Table.Expire(now);

    /// <summary>Datagrams dropped (timeout, eviction, too large, contradictory fragments).</summary>
    public long Dropped => Table.Dropped;

    /// <summary>Datagrams dropped because not all fragments arrived within the timeout.</summary>
    public long TimedOut => Table.TimedOut;

    /// <summary>Datagrams evicted to stay within the pending limit.</summary>
    public long Evicted => Table.Evicted;

    /// <summary>Datagrams given up because they would be too large or their fragments contradict each other.</summary>
    public long Rejected => Table.Rejected;

    /// <summary>Datagrams reassembled (for IPv6, atomic fragments included).</summary>
    public long Completed => Table.Completed;

    /// <summary>Fragments ignored because their datagram had been given up.</summary>
    public long IgnoredFragments => Table.IgnoredFragments;

    /// <summary>Fragment bytes received again; the first copy was kept.</summary>
    public long OverlapBytes => Table.OverlapBytes;

    /// <summary>Packets that are not valid fragments of this IP version.</summary>
    public long Malformed { get; protected set; }

    /// <summary>Datagrams currently waiting for fragments.</summary>
    public int PendingDatagrams => Table.Count;
}
