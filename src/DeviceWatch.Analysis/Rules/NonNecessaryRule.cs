namespace DeviceWatch.Analysis.Rules;

/// <summary><c>item3.non-necessary</c>: a data type is sent that no enabled function needs.</summary>
internal sealed class NonNecessaryRule : IRule
{
    public string Id => RuleIds.NonNecessary;
    public bool NeedsProfile => true;

    public void Evaluate(DeviceContext device, List<Finding> findings)
    {
        if (device.Profile is null)
        {
            return;
        }

        var needed = device.Profiles.NeededDataTypes(device.Profile);
        foreach (var series in device.Readable)
        {
            if (needed.Contains(series.DataType))
            {
                continue;
            }

            var functions = device.Profile.Functions.Count == 0 ? "none" : string.Join(", ", device.Profile.Functions);
            findings.Add(series.AllObservationsFinding(Id, device.SeverityBySensitivity(series.DataType),
                $"{device.Id} sent {series.DataType} to {series.Destination} {RuleText.Times(series.Summary.Count)}, " +
                $"though none of its enabled functions ({functions}) needs it."));
        }
    }
}
