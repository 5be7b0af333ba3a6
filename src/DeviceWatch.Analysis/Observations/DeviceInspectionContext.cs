namespace DeviceWatch.Analysis.Observations;

/// <summary>What the inspector needs to know about the device that sent a payload.</summary>
/// <param name="DeviceId">Device id written to observations (profile id, else the MAC address).</param>
/// <param name="KnownValues">The device's real identifiers by data type (profile <c>known_values</c>), searched in every form.
/// Pass the same dictionary instance for every payload of a device: its searchable forms are computed once per instance.</param>
/// <param name="PartyOf">Maps a destination host to <c>first</c>, <c>third</c> or <c>unknown</c>.</param>
public sealed record DeviceInspectionContext(
    string DeviceId,
    IReadOnlyDictionary<string, IReadOnlyList<string>> KnownValues,
    Func<string, string> PartyOf)
{
    /// <summary>A context with no known values and every destination <c>unknown</c>.</summary>
    public static DeviceInspectionContext Anonymous(string deviceId) =>
        new(deviceId, new Dictionary<string, IReadOnlyList<string>>(), _ => "unknown");
}
