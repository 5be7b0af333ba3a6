using DeviceWatch.Analysis.Observations;
using DeviceWatch.Analysis.Profiles;

namespace DeviceWatch.Cli.Commands;

/// <summary>
/// The inspection context of each device (id, known values, first parties), cached per device key and
/// rebuilt when the device's id changes (e.g. a DHCP host name arrived and a profile now matches).
/// </summary>
internal sealed class InspectionContexts(ProfileSet profiles, Func<string, string> deviceIdOf)
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoKnownValues = new Dictionary<string, IReadOnlyList<string>>();
    private readonly Dictionary<string, DeviceInspectionContext> _byKey = new(StringComparer.Ordinal);

    public DeviceInspectionContext For(string deviceKey)
    {
        var id = deviceIdOf(deviceKey);
        if (_byKey.TryGetValue(deviceKey, out var cached) && cached.DeviceId == id)
        {
            return cached;
        }

        var profile = profiles.Device(id);
        var context = profile is null
            ? new DeviceInspectionContext(id, NoKnownValues, static _ => "unknown")
            : new DeviceInspectionContext(id, profile.KnownValues, host => PartyOf(profile, host));
        _byKey[deviceKey] = context;
        return context;
    }

    private static string PartyOf(DeviceProfile profile, string host)
    {
        if (profile.FirstParty.Count == 0 || System.Net.IPAddress.TryParse(host, out _))
        {
            return "unknown";
        }

        foreach (var suffix in profile.FirstParty)
        {
            if (host.Equals(suffix, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + suffix.TrimStart('.'), StringComparison.OrdinalIgnoreCase))
            {
                return "first";
            }
        }

        return "third";
    }
}
