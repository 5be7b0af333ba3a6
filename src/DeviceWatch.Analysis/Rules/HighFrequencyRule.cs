namespace DeviceWatch.Analysis.Rules;

/// <summary><c>item3.high-frequency</c>: <c>per_hour_max</c> exceeds <c>max_per_hour</c>.</summary>
internal sealed class HighFrequencyRule : IRule
{
    public string Id => RuleIds.HighFrequency;
    public bool NeedsProfile => true;

    public void Evaluate(DeviceContext device, List<Finding> findings)
    {
        foreach (var series in device.Series)
        {
            if (series.Limit.MaxPerHour is not { } limit || series.Summary.PerHourMax <= limit)
            {
                continue;
            }

            var measured = series.Summary.PerHourMax;
            var severity = RuleText.ByRatio(limit == 0 ? double.PositiveInfinity : (double)measured / limit);
            if (device.IsSensitive(series.DataType))
            {
                severity = Severities.Raise(severity);
            }

            var windowStart = new DateTime(series.Buffer.Tick(series.PeakStart), DateTimeKind.Utc);
            findings.Add(new Finding
            {
                Rule = Id,
                DataType = series.DataType,
                Destination = series.Destination,
                Severity = severity,
                Measured = measured,
                Limit = limit,
                Unit = "per_hour",
                Message = $"{device.Id} sent {series.DataType} to {series.Destination} {measured} times within one hour " +
                          $"(from {RuleText.Time(windowStart)}); the limit is {limit} per hour.",
                Evidence = series.Evidence(Enumerable.Range(series.PeakStart, measured)),
            });
        }
    }
}
