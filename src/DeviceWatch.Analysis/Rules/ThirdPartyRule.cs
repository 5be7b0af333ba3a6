namespace DeviceWatch.Analysis.Rules;

/// <summary>
/// <c>party.third-party</c>: personal information goes to a named destination outside the first-party domains
/// (runs without a profile when a first party can be inferred).
/// </summary>
internal sealed class ThirdPartyRule : IRule
{
    public string Id => RuleIds.ThirdParty;
    public bool NeedsProfile => false;

    public void Evaluate(DeviceContext device, List<Finding> findings)
    {
        if (device.FirstParty.Count == 0)
        {
            return;
        }

        foreach (var series in device.Readable)
        {
            if (series.Summary.Party != Parties.Third)
            {
                continue;
            }

            var basis = device.FirstPartyInferred ? "inferred first party" : "first-party domains";
            findings.Add(new Finding
            {
                Rule = Id,
                DataType = series.DataType,
                Destination = series.Destination,
                Severity = device.IsSensitive(series.DataType) ? Severity.High : Severity.Medium,
                Measured = series.Summary.Count,
                Limit = 0,
                Unit = "observations",
                Message = $"{device.Id} sent {series.DataType} to the third party {series.Destination} {RuleText.Times(series.Summary.Count)} " +
                          $"(outside its {basis}: {string.Join(", ", device.FirstParty)}).",
                Evidence = series.Evidence(Enumerable.Range(0, series.Summary.Count)),
            });
        }
    }
}
