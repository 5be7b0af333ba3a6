using DeviceWatch.Core.Records;

namespace DeviceWatch.Capture.Pipeline;

/// <summary>Local devices by MAC, with their addresses, DHCP identity and destinations (bounded).</summary>
internal sealed class DeviceTracker
{
    public const int MaxDevices = 65_536;
    private readonly Dictionary<string, DeviceState> _devices = new(StringComparer.Ordinal);
    private readonly IDeviceIdentityResolver? _resolver;

    public DeviceTracker(IDeviceIdentityResolver? resolver) => _resolver = resolver;

    public long Dropped { get; private set; }

    public DeviceState? Touch(string mac, DateTime timestamp)
    {
        if (_devices.TryGetValue(mac, out var state))
        {
            if (timestamp > state.LastSeen)
            {
                state.LastSeen = timestamp;
            }

            if (timestamp < state.FirstSeen)
            {
                state.FirstSeen = timestamp;
            }

            return state;
        }

        if (_devices.Count >= MaxDevices)
        {
            Dropped++;
            return null;
        }

        state = new DeviceState(mac, timestamp);
        _devices.Add(mac, state);
        return state;
    }

    public DeviceState? Find(string mac) => _devices.GetValueOrDefault(mac);

    /// <summary>The id written in records for <paramref name="mac"/>.</summary>
    public string IdOf(string mac)
    {
        if (!_devices.TryGetValue(mac, out var state))
        {
            return mac;
        }

        return state.CachedId ??= _resolver?.ResolveProfileId(mac, state.Ips, state.Hostname) ?? mac;
    }

    public IReadOnlyList<DeviceRecord> Snapshot() =>
        _devices.Values
            .OrderBy(d => d.Mac, StringComparer.Ordinal)
            .Select(d => new DeviceRecord
            {
                Mac = d.Mac,
                Id = IdOf(d.Mac),
                Ips = d.Ips.ToArray(),
                Hostname = d.Hostname,
                VendorClass = d.VendorClass,
                FirstSeen = d.FirstSeen,
                LastSeen = d.LastSeen,
                Flows = d.Flows,
                Destinations = d.Destinations.Order(StringComparer.Ordinal).ToArray(),
            })
            .ToArray();
}
