namespace DeviceWatch.Reports.Diff;

/// <summary>A device present on one side only.</summary>
internal sealed record DiffDeviceRef(string Id, string Mac);
