namespace DeviceWatch.Reports.Diff;

/// <summary>A finding that appeared (a regression) or disappeared.</summary>
internal sealed record FindingChange(string Rule, string? DataType, string? Destination, string Severity, string Message, bool Regression);
