namespace DeviceWatch.Analysis.Rules;

/// <summary><c>item3.long-duration</c>: the longest continuous span exceeds <c>max_continuous_hours</c>.</summary>
internal sealed class LongDurationRule : IRule
{
    public string Id => RuleIds.LongDuration;
    public bool NeedsProfile => true;

    public void Evaluate(DeviceContext device, List<Finding> findings)
    {
        foreach (var series in device.Series)
        {
            var spanHours = series.Summary.LongestSpanS / 3600.0;
            if (series.Limit.MaxContinuousHours is not { } limit || spanHours <= limit)
            {
                continue;
            }

            var severity = RuleText.ByRatio(limit == 0 ? double.PositiveInfinity : spanHours / limit);
            if (device.IsSensitive(series.DataType))
            {
                severity = Severities.Raise(severity);
            }

            var from = new DateTime(series.Buffer.Tick(series.SpanStart), DateTimeKind.Utc);
            var to = new DateTime(series.Buffer.Tick(series.SpanEnd), DateTimeKind.Utc);
            findings.Add(new Finding
            {
                Rule = Id,
                DataType = series.DataType,
                Destination = series.Destination,
                Severity = severity,
                Measured = Math.Round(spanHours, 4) > limit ? Math.Round(spanHours, 4) : spanHours,
                Limit = limit,
                Unit = "hours",
                Message = $"{device.Id} sent {series.DataType} to {series.Destination} continuously for {RuleText.Num(spanHours)} hours " +
                          $"({RuleText.Time(from)} to {RuleText.Time(to)}, no gap over {RuleText.Num(series.Summary.ContinuityGapMinutes)} min); " +
                          $"the limit is {RuleText.Num(limit)} hours.",
                Evidence = series.Evidence(SeriesContext.Spread(series.SpanStart, series.SpanEnd)),
            });
        }
    }
}
