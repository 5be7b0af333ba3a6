using System.Text;

namespace DeviceWatch.Analysis.Decoding;

/// <summary>
/// The <see cref="FieldKey"/> of each member name seen, so a name met again (in this payload or the next one
/// decoded into the same tree) is normalized and classified only once. Bounded: cleared when full.
/// </summary>
internal sealed class KeyTable
{
    private const int MaxEntries = 4096;
    private const int MaxStackName = 256;

    private const int CacheSlots = 256;
    private const int MaxCachedName = 64;

    private readonly Dictionary<string, FieldKey> _keys = new(StringComparer.Ordinal);
    private FieldKey? _previous;
    private readonly byte[]?[] _cachedNames = new byte[]?[CacheSlots];
    private readonly FieldKey?[] _cachedKeys = new FieldKey?[CacheSlots];
    private readonly Dictionary<string, FieldKey>.AlternateLookup<ReadOnlySpan<char>> _spans;
    private readonly FieldKey?[] _numberKeys = new FieldKey?[64];

    public KeyTable()
    {
        _spans = _keys.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Incremented each time the table is emptied: keys taken before belong to an older generation.</summary>
    public int Generation { get; private set; }

    /// <summary>The key for <paramref name="key"/>; <see cref="FieldKey.None"/> for null.</summary>
    public FieldKey Get(string? key)
    {
        if (key is null)
        {
            return FieldKey.None;
        }

        if (_keys.TryGetValue(key, out var found))
        {
            return found;
        }

        return Store(key);
    }

    /// <summary>
    /// The key of a numeric member name (a protobuf field number, <c>"3"</c>): small numbers are answered from an array
    /// without making or hashing a string.
    /// </summary>
    public FieldKey GetNumber(int number, string name)
    {
        if ((uint)number >= (uint)_numberKeys.Length)
        {
            return Get(name);
        }

        return _numberKeys[number] ??= Get(name);
    }

    /// <summary>The key for a name given as characters (no string is made when it was seen before).</summary>
    public FieldKey Get(ReadOnlySpan<char> key)
    {
        if (_spans.TryGetValue(key, out var found))
        {
            return found;
        }

        return Store(key.ToString());
    }

    /// <summary>The key for a name given as valid UTF-8.</summary>
    public FieldKey GetUtf8(ReadOnlySpan<byte> utf8)
    {
        // Documents of a device repeat their member names in the same order: the name that followed the previous
        // one last time is checked first (one byte comparison).
        var previous = _previous;
        if (previous?.Successor is { Utf8: { } predicted } successor && utf8.SequenceEqual(predicted))
        {
            _previous = successor;
            return successor;
        }

        var key = CachedLookup(utf8);
        if (key.Utf8 is null && utf8.Length <= MaxCachedName)
        {
            key.Utf8 = utf8.ToArray();
        }

        if (previous is not null)
        {
            previous.Successor = key;
        }

        _previous = key;
        return key;
    }

    // A direct-mapped cache on the bytes answers most other lookups without converting to UTF-16 or hashing a string.
    private FieldKey CachedLookup(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxCachedName)
        {
            return Lookup(utf8);
        }

        var slot = (int)(Hash(utf8) & (CacheSlots - 1));
        if (_cachedNames[slot] is { } name && utf8.SequenceEqual(name))
        {
            return _cachedKeys[slot]!;
        }

        var key = Lookup(utf8);
        _cachedNames[slot] = utf8.ToArray();
        _cachedKeys[slot] = key;
        return key;
    }

    private static uint Hash(ReadOnlySpan<byte> utf8)
    {
        var h = 2166136261u ^ (uint)utf8.Length;
        foreach (var b in utf8)
        {
            h = (h ^ b) * 16777619u;
        }

        return h ^ (h >> 15);
    }

    private FieldKey Lookup(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length <= MaxStackName)
        {
            // Sized to the name (UTF-8 never needs more UTF-16 units than bytes): a fixed 256-char buffer would be
            // zeroed on every call.
            Span<char> chars = stackalloc char[utf8.Length];
            var n = System.Text.Ascii.ToUtf16(utf8, chars, out var written) == System.Buffers.OperationStatus.Done
                ? written
                : Encoding.UTF8.GetChars(utf8, chars);
            return Get(chars[..n]);
        }

        return Get(Encoding.UTF8.GetString(utf8));
    }

    private FieldKey Store(string key)
    {
        if (_keys.Count >= MaxEntries)
        {
            _keys.Clear();
            Generation++;
            _previous = null;
            Array.Clear(_numberKeys);
            Array.Clear(_cachedNames);
            Array.Clear(_cachedKeys);
        }

        var created = new FieldKey(key);
        _keys[key] = created;
        return created;
    }
}
