namespace DeviceWatch.Reports.Diff;

/// <summary>
/// A metric of one data type × destination that changed beyond the tolerance. <see cref="RelativeChange"/> is
/// (after − before) / before, or null when before is 0 or absent. <see cref="Worse"/> is true for more sends an
/// hour, a longer continuous span, or a finer (smaller) precision.
/// </summary>
internal sealed record MetricChange(string DataType, string Destination, string Metric, double? Before, double? After, double? RelativeChange, bool Worse);
