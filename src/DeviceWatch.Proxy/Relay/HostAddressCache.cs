using System.Collections.Concurrent;
using System.Net;

namespace DeviceWatch.Proxy.Relay;

/// <summary>
/// Addresses of upstream host names, resolved once per name and kept for <see cref="Lifetime"/> (the system
/// resolver does not tell the record's TTL); at most <see cref="Capacity"/> names, all dropped when full. Only
/// successful answers are kept, so a failure is retried on the next connection.
/// </summary>
internal sealed class HostAddressCache
{
    public const int Capacity = 1024;
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (IPAddress[] Addresses, long Expires)> _byName = new(StringComparer.OrdinalIgnoreCase);

    public async ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        var now = Environment.TickCount64;
        if (_byName.TryGetValue(host, out var entry) && entry.Expires > now)
        {
            return entry.Addresses;
        }

        var addresses = await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        if (addresses.Length > 0)
        {
            if (_byName.Count >= Capacity)
            {
                _byName.Clear();
            }

            _byName[host] = (addresses, now + (long)Lifetime.TotalMilliseconds);
        }

        return addresses;
    }
}
