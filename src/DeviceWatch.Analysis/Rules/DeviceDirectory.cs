using System.Net;
using DeviceWatch.Analysis.Profiles;
using DeviceWatch.Core.Records;

namespace DeviceWatch.Analysis.Rules;

/// <summary>
/// Resolves the device keys found in observations, flows and TLS events (a profile id, a MAC or an IP) to one
/// device, matching profiles against the device's MAC, IPs and DHCP host name — so a re-run with other
/// profiles regroups devices the same way a full run would.
/// </summary>
internal sealed class DeviceDirectory
{
    private readonly ProfileSet _profiles;
    private readonly Dictionary<string, DeviceRecord> _byKey = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, DeviceIdentity> _cache = new(StringComparer.Ordinal);

    public DeviceDirectory(ProfileSet profiles, IEnumerable<DeviceRecord> records)
    {
        _profiles = profiles;
        foreach (var record in records.OrderBy(r => r.Mac, StringComparer.Ordinal))
        {
            var mac = MacAddresses.TryNormalize(record.Mac, out var m) ? m : record.Mac;
            _byKey.TryAdd(mac, record);
            if (record.Id is not null)
            {
                _byKey.TryAdd(record.Id, record);
            }
        }

        foreach (var record in _byKey.Values.Distinct().ToArray())
        {
            foreach (var ip in record.Ips)
            {
                _byKey.TryAdd(ip, record);
            }
        }
    }

    public IEnumerable<DeviceRecord> Records => _byKey.Values.Distinct();

    public DeviceIdentity Resolve(string key)
    {
        if (_cache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var lookup = MacAddresses.IsMac(key) && MacAddresses.TryNormalize(key, out var normalizedKey) ? normalizedKey : key;
        DeviceIdentity identity;
        if (_byKey.TryGetValue(lookup, out var record))
        {
            var mac = MacAddresses.TryNormalize(record.Mac, out var m) ? m : record.Mac;
            var profile = _profiles.Match(mac, record.Ips, record.Hostname);
            identity = new DeviceIdentity(profile?.Id ?? mac, mac, record, profile);
        }
        else if (MacAddresses.IsMac(lookup))
        {
            var profile = _profiles.Match(lookup, null, null);
            identity = new DeviceIdentity(profile?.Id ?? lookup, lookup, null, profile);
        }
        else if (IPAddress.TryParse(key, out _))
        {
            var profile = _profiles.Match(null, [key], null);
            identity = new DeviceIdentity(profile?.Id ?? key, profile?.Match.Mac ?? "", null, profile);
        }
        else
        {
            var profile = _profiles.Device(key);
            identity = new DeviceIdentity(key, profile?.Match.Mac ?? "", null, profile);
        }

        _cache[key] = identity;
        return identity;
    }
}
