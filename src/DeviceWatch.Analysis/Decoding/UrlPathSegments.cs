namespace DeviceWatch.Analysis.Decoding;

/// <summary>
/// The unescaped, non-empty segments of a URL path (<c>/api/v1/report</c> → <c>api</c>, <c>v1</c>, <c>report</c>),
/// remembered for the last path: a device posts to the same few paths again and again, and a repeated path gets
/// the same segment strings back without splitting or allocating.
/// </summary>
internal sealed class UrlPathSegments
{
    private const int MaxRememberedLength = 512;

    private readonly List<string> _segments = [];
    private string? _path;

    /// <summary>The segments of <paramref name="path"/>, valid until the next call.</summary>
    public List<string> Of(ReadOnlySpan<char> path)
    {
        if (_path is not null && path.SequenceEqual(_path))
        {
            return _segments;
        }

        _segments.Clear();
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
}
