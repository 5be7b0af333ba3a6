using DeviceWatch.Capture.Decoding;

namespace DeviceWatch.Capture.Pipeline;

/// <summary>
/// Which name a client resolved to reach an address: (client IP, server IP) → the name it asked for.
/// Bounded by two generations: when the current one is full, the older one is dropped.
/// </summary>
internal sealed class DnsNameCache
{
    private readonly int _generationSize;
    private Dictionary<(IpAddressBytes Client, IpAddressBytes Server), string> _current = new();
    private Dictionary<(IpAddressBytes Client, IpAddressBytes Server), string> _previous = new();

    public DnsNameCache(int capacity = 200_000) => _generationSize = Math.Max(16, capacity / 2);

    public void Add(IpAddressBytes client, IpAddressBytes server, string name)
    {
        if (_current.Count >= _generationSize)
        {
            _previous = _current;
            _current = new Dictionary<(IpAddressBytes, IpAddressBytes), string>();
        }

        _current[(client, server)] = name;
    }

    public string? Find(IpAddressBytes client, IpAddressBytes server)
    {
        if (_current.TryGetValue((client, server), out var name))
        {
            return name;
        }

        return _previous.GetValueOrDefault((client, server));
    }
}
