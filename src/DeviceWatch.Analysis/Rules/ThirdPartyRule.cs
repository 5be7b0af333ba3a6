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
            findings.Add(series.AllObservationsFinding(Id, device.SeverityBySensitivity(series.DataType),
                $"{device.Id} sent {series.DataType} to the third party {series.Destination} {RuleText.Times(series.Summary.Count)} " +
                $"(outside its {basis}: {string.Join(", ", device.FirstParty)})."));
        }
    }
}
