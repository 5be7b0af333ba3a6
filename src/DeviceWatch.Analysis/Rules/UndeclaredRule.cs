namespace DeviceWatch.Analysis.Rules;

/// <summary><c>item3.undeclared</c>: a data type is sent that the published rules do not declare.</summary>
internal sealed class UndeclaredRule : IRule
{
    public string Id => RuleIds.Undeclared;
    public bool NeedsProfile => true;

    public void Evaluate(DeviceContext device, List<Finding> findings)
    {
        var rules = device.Profile?.Rules;
        if (rules is null)
        {
            return;
        }

        foreach (var series in device.Readable)
        {
            if (rules.Declares.Contains(series.DataType, StringComparer.Ordinal))
            {
                continue;
            }

            findings.Add(series.AllObservationsFinding(Id, device.SeverityBySensitivity(series.DataType),
                $"{device.Id} sent {series.DataType} to {series.Destination} {RuleText.Times(series.Summary.Count)}, " +
                "but its published collection rules do not declare this data type."));
        }
    }
}
