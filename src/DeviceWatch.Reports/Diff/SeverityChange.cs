namespace DeviceWatch.Reports.Diff;

/// <summary>A finding present on both sides whose severity differs (reported; not a regression by itself).</summary>
internal sealed record SeverityChange(string Rule, string? DataType, string? Destination, string Before, string After);
