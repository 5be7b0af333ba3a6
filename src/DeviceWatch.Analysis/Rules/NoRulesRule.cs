namespace DeviceWatch.Analysis.Rules;

/// <summary><c>item3.no-rules</c>: personal information is sent and the profile lists no published rules.</summary>
internal sealed class NoRulesRule : IRule
{
    public string Id => RuleIds.NoRules;
    public bool NeedsProfile => true;

    public void Evaluate(DeviceContext device, List<Finding> findings)
    {
        if (device.Profile is null || device.Profile.Rules is not null)
        {
            return;
        }

        var series = device.Readable.ToArray();
        if (series.Length == 0)
        {
            return;
        }

        var types = series.Select(s => s.DataType).Distinct().ToArray();
        findings.Add(new Finding
        {
            Rule = Id,
            Severity = Severity.High,
            Measured = types.Length,
            Limit = 0,
            Unit = "data_types",
            Message = $"{device.Id} sent {types.Length} type(s) of personal information ({string.Join(", ", types)}) " +
                      "but provides no personal-information collection and use rules.",
            Evidence = series.Take(5).Select(s => s.EvidenceAt(0)).ToArray(),
        });
    }
}
