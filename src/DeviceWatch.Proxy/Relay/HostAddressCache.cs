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

    private readonly ExpiringCache<IPAddress[]> _byName = new(Capacity, Lifetime, StringComparer.OrdinalIgnoreCase);

    public async ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (_byName.TryGet(host, out var known))
        {
            return known;
        }

        var addresses = await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        if (addresses.Length > 0)
        {
            _byName.Add(host, addresses);
        }

        return addresses;
    }
}
