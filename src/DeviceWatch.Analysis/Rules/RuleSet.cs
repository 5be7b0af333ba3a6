namespace DeviceWatch.Analysis.Rules;

/// <summary>Every rule, in contract table order.</summary>
internal static class RuleSet
{
    public static IReadOnlyList<IRule> All { get; } =
    [
        new NoRulesRule(), new UndeclaredRule(), new NonNecessaryRule(), new HighFrequencyRule(), new HighPrecisionRule(),
        new LongDurationRule(), new BackgroundNoNoticeRule(), new CloudNoNoticeRule(), new CleartextRule(), new ThirdPartyRule(),
        new AcceptsUntrustedRule(), new PinnedRule(),
    ];

    /// <summary>Runs the rules that apply (only profile-free ones without a profile), sorted for output.</summary>
    public static IReadOnlyList<Finding> Evaluate(DeviceContext device)
    {
        var findings = new List<Finding>();
        foreach (var rule in All)
        {
            if (device.Profile is null && rule.NeedsProfile)
            {
                continue;
            }

            rule.Evaluate(device, findings);
        }

        return Sort(findings);
    }

    /// <summary>Most severe first, then contract rule order, data type order, destination, message.</summary>
    public static IReadOnlyList<Finding> Sort(IEnumerable<Finding> findings) =>
        findings
            .OrderByDescending(f => f.Severity)
            .ThenBy(f => IndexOf(RuleIds.All, f.Rule))
            .ThenBy(f => f.DataType is null ? -1 : IndexOf(Core.Analysis.DataTypes.All, f.DataType))
            .ThenBy(f => f.Destination ?? "", StringComparer.Ordinal)
            .ThenBy(f => f.Message, StringComparer.Ordinal)
            .ToArray();

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == value)
            {
                return i;
            }
        }

        return list.Count;
    }
}
