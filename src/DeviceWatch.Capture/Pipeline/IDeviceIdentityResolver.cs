namespace DeviceWatch.Capture.Pipeline;

/// <summary>Maps a local device to the id used in outputs (a profile's id when one matches, else the MAC).</summary>
public interface IDeviceIdentityResolver
{
    /// <summary>Returns the profile id matching the device, or null to use the MAC.</summary>
    string? ResolveProfileId(string mac, IReadOnlyCollection<string> ips, string? hostname);
}
