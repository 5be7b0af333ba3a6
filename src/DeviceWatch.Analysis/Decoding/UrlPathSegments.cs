namespace DeviceWatch.Analysis.Decoding;

/// <summary>
/// The unescaped, non-empty segments of a URL path (<c>/api/v1/report</c> → <c>api</c>, <c>v1</c>, <c>report</c>) with
/// the member-name key of each, remembered for the last path: a device posts to the same few paths again and again,
/// and a repeated path gets the same segment strings and keys back without splitting, allocating or looking up.
/// </summary>
internal sealed class UrlPathSegments
{
    private const int MaxRememberedLength = 512;

    private readonly List<string> _segments = [];
    private readonly List<FieldKey> _keys = [];
    private string? _path;
    private KeyTable? _table;
    private int _generation;

    /// <summary>The segments of <paramref name="path"/>, valid until the next call.</summary>
    public List<string> Of(ReadOnlySpan<char> path)
    {
        if (_path is not null && path.SequenceEqual(_path))
        {
            return _segments;
        }

        _segments.Clear();
        _keys.Clear();
        _table = null;
        foreach (var range in path.Split('/'))
        {
            var raw = path[range];
            if (raw.Length > 0)
            {
                _segments.Add(UrlEncodedDecoder.Unescape(raw));
            }
        }

        _path = path.Length <= MaxRememberedLength ? path.ToString() : null;
        return _segments;
    }

    /// <summary>
    /// The key of segment <paramref name="index"/> of the last <see cref="Of"/> (a segment is the member name of the
    /// one after it) from <paramref name="table"/>, looked up once per path and table generation.
    /// </summary>
    public FieldKey KeyOf(int index, KeyTable table)
    {
        if (!ReferenceEquals(_table, table) || _generation != table.Generation)
        {
            _keys.Clear();
            _table = table;
            _generation = table.Generation;
        }

        while (_keys.Count <= index)
        {
            _keys.Add(table.Get(_segments[_keys.Count]));
        }

        return _keys[index];
    }
}
