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

    private readonly Dictionary<string, FieldKey> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FieldKey>.AlternateLookup<ReadOnlySpan<char>> _spans;

    public KeyTable()
    {
        _spans = _keys.GetAlternateLookup<ReadOnlySpan<char>>();
    }

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
        }

        var created = new FieldKey(key);
        _keys[key] = created;
        return created;
    }
}
