using DeviceWatch.Analysis.Profiles;
using DeviceWatch.Capture.Pipeline;

namespace DeviceWatch.Cli.Commands;

/// <summary>Names devices by the profile that matches their MAC, IP or DHCP host name.</summary>
internal sealed class ProfileIdentityResolver(ProfileSet profiles) : IDeviceIdentityResolver
{
    public string? ResolveProfileId(string mac, IReadOnlyCollection<string> ips, string? hostname) =>
        profiles.Match(mac, ips, hostname)?.Id;
}
