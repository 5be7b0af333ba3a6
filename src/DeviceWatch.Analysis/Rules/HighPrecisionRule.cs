namespace DeviceWatch.Analysis.Rules;

/// <summary><c>item3.high-precision</c>: <c>finest_precision_m</c> is finer than the allowed precision.</summary>
internal sealed class HighPrecisionRule : IRule
{
    public string Id => RuleIds.HighPrecision;
    public bool NeedsProfile => true;

    public void Evaluate(DeviceContext device, List<Finding> findings)
    {
        foreach (var series in device.Readable)
        {
            if (series.Limit.FinestPrecisionM is not { } limit || series.Summary.FinestPrecisionM is not { } finest || finest >= limit)
            {
                continue;
            }

            // ×10 finer than allowed: high; ×3: medium; else low (before the sensitive-data raise).
            var ratio = finest <= 0 ? double.PositiveInfinity : limit / finest;
            var severity = ratio >= 10 ? Severity.High : ratio >= 3 ? Severity.Medium : Severity.Low;
            if (device.IsSensitive(series.DataType))
            {
                severity = Severities.Raise(severity);
            }

            var finestIndexes = Enumerable.Range(0, series.Summary.Count)
                .Where(i => !float.IsNaN(series.Buffer.Precision(i)) && series.Buffer.Precision(i) <= (float)finest);
            findings.Add(new Finding
            {
                Rule = Id,
                DataType = series.DataType,
                Destination = series.Destination,
                Severity = severity,
                Measured = finest,
                Limit = limit,
                Unit = "m",
                Message = $"{device.Id} sent {series.DataType} to {series.Destination} with a precision of {RuleText.Num(finest)} m; " +
                          $"the finest allowed is {RuleText.Num(limit)} m.",
                Evidence = series.Evidence(finestIndexes),
            });
        }
    }
}
