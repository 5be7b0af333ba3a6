using System.Runtime.CompilerServices;

namespace DeviceWatch.Analysis.Decoding;

/// <summary>
/// Field paths built before, by (path of the parent, segment): the payloads of a device repeat their shape, and
/// segments are shared strings (member names, item and level segments), so the same path string is returned
/// again without building it. Keys compare by reference; bounded (cleared when full).
/// </summary>
internal sealed class FieldPathCache
{
    private const int MaxEntries = 4096;

    private readonly Dictionary<(string Parent, string Segment), string> _paths = new(PairByReference.Instance);

    /// <summary><paramref name="parent"/> followed by <paramref name="segment"/>.</summary>
    public string Combine(string parent, string segment)
    {
        if (_paths.TryGetValue((parent, segment), out var path))
        {
            return path;
        }

        if (_paths.Count >= MaxEntries)
        {
            _paths.Clear();
        }

        path = string.Concat(parent, segment);
        _paths[(parent, segment)] = path;
        return path;
    }

    private sealed class PairByReference : IEqualityComparer<(string Parent, string Segment)>
    {
        public static PairByReference Instance { get; } = new();

        public bool Equals((string Parent, string Segment) x, (string Parent, string Segment) y) =>
            ReferenceEquals(x.Parent, y.Parent) && ReferenceEquals(x.Segment, y.Segment);

        public int GetHashCode((string Parent, string Segment) pair) =>
            HashCode.Combine(RuntimeHelpers.GetHashCode(pair.Parent), RuntimeHelpers.GetHashCode(pair.Segment));
    }
}
