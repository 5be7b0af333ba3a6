using System.Collections.Concurrent;

namespace DeviceWatch.Proxy.Relay;

/// <summary>
/// A thread-safe cache whose entries are kept for a fixed lifetime; bounded by dropping every entry when full
/// (what it holds is cheap to compute again, just not on every connection).
/// </summary>
/// <typeparam name="TValue">The cached answer.</typeparam>
internal sealed class ExpiringCache<TValue>(int capacity, TimeSpan lifetime, IEqualityComparer<string> comparer)
{
    private readonly ConcurrentDictionary<string, (TValue Value, long Expires)> _entries = new(comparer);

    /// <summary>The entry for <paramref name="key"/> while it has not expired.</summary>
    public bool TryGet(string key, out TValue value)
    {
        if (_entries.TryGetValue(key, out var entry) && entry.Expires > Environment.TickCount64)
        {
            value = entry.Value;
            return true;
        }

        value = default!;
        return false;
    }

    /// <summary>Keeps <paramref name="value"/> for the lifetime from now.</summary>
    public void Add(string key, TValue value)
    {
        if (_entries.Count >= capacity)
        {
            _entries.Clear();
        }

        _entries[key] = (value, Environment.TickCount64 + (long)lifetime.TotalMilliseconds);
    }
}
