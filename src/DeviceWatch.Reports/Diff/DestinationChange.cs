namespace DeviceWatch.Reports.Diff;

/// <summary>A destination added or removed; <see cref="Regression"/> when an added one is third-party.</summary>
internal sealed record DestinationChange(string Host, string Party, bool Regression);
