using System.Collections.Concurrent;

namespace DeviceWatch.Proxy.Relay;

/// <summary>
/// Results of validating an upstream certificate against the lab's extra CAs, per certificate (SHA-256 of its
/// bytes): a server presents the same certificate on every connection, so its chain is built once per
/// <see cref="Lifetime"/> rather than per handshake. At most <see cref="Capacity"/> certificates, all dropped when full.
/// </summary>
internal sealed class UpstreamTrustCache
{
    public const int Capacity = 1024;
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, (string? Problem, long Expires)> _byCertificate = new(StringComparer.Ordinal);

    /// <summary>The cached result for <paramref name="certificateHash"/>: null problem means trusted.</summary>
    public bool TryGet(string certificateHash, out string? problem)
    {
        if (_byCertificate.TryGetValue(certificateHash, out var entry) && entry.Expires > Environment.TickCount64)
        {
            problem = entry.Problem;
            return true;
        }

        problem = null;
        return false;
    }

    public void Add(string certificateHash, string? problem)
    {
        if (_byCertificate.Count >= Capacity)
        {
            _byCertificate.Clear();
        }

        _byCertificate[certificateHash] = (problem, Environment.TickCount64 + (long)Lifetime.TotalMilliseconds);
    }
}
