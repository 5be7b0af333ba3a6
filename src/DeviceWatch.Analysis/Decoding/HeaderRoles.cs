namespace DeviceWatch.Analysis.Decoding;

/// <summary>
/// The <see cref="HeaderRole"/> of each header name seen, remembered as sent (a device repeats the same names in the
/// same spelling), so a name is compared without regard to case only once. Bounded: emptied when full.
/// </summary>
internal sealed class HeaderRoles
{
    private const int MaxNames = 256;

    // Content-Type is one of them too, but has its own role (it names the body's type).
    private static readonly HashSet<string> BoringHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "host", "connection", "content-length", "content-encoding", "transfer-encoding", "accept",
        "accept-encoding", "accept-language", "accept-charset", "cache-control", "pragma", "date", "expect", "te",
        "upgrade", "keep-alive", "if-modified-since", "if-none-match", "if-match", "if-unmodified-since", "range",
        "origin", "sec-fetch-mode", "sec-fetch-site", "sec-fetch-dest", "sec-websocket-version", "sec-websocket-key",
        "sec-websocket-extensions", "proxy-connection", "vary", "server", "etag", "last-modified", "expires", "age",
        "content-language", "content-range", "accept-ranges", "dnt", "priority", "upgrade-insecure-requests",
    };

    private readonly Dictionary<string, HeaderRole> _roles = new(StringComparer.Ordinal);

    /// <summary>The role of header <paramref name="name"/> (any case).</summary>
    public HeaderRole Of(string name)
    {
        if (_roles.TryGetValue(name, out var role))
        {
            return role;
        }

        if (_roles.Count >= MaxNames)
        {
            _roles.Clear();
        }

        return _roles[name] = Classify(name);
    }

    private static HeaderRole Classify(string name) =>
        name.Equals("content-type", StringComparison.OrdinalIgnoreCase) ? HeaderRole.ContentType
        : name.Equals("cookie", StringComparison.OrdinalIgnoreCase) ? HeaderRole.Cookie
        : BoringHeaders.Contains(name) ? HeaderRole.Boring
        : HeaderRole.Inspected;
}
