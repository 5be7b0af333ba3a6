namespace DeviceWatch.Reports.Diff;

/// <summary>
/// A data type added or removed at one destination; <see cref="Regression"/> when an added one is personal
/// information (any data type but <c>opaque</c>).
/// </summary>
internal sealed record DataTypeChange(string DataType, string Destination, string? Party, long Count, bool Regression);
