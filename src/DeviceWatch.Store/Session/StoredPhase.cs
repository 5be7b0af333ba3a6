namespace DeviceWatch.Store.Session;

/// <summary>A test phase of a device (from the profile, or tagged live with <c>devicewatch tag</c>).</summary>
/// <param name="Device">Device id.</param>
/// <param name="From">Start, UTC.</param>
/// <param name="To">End, UTC.</param>
/// <param name="State"><c>idle</c>, <c>function-off</c> or <c>active</c>.</param>
/// <param name="Functions">Functions switched off.</param>
public sealed record StoredPhase(string Device, DateTime From, DateTime To, string State, IReadOnlyList<string> Functions);
