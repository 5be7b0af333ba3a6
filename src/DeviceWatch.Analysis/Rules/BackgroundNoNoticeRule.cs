using DeviceWatch.Analysis.Profiles;

namespace DeviceWatch.Analysis.Rules;

/// <summary>
/// <c>item3.background-no-notice</c>: personal information or an opaque upload during an <c>idle</c> phase, or a
/// data type during a <c>function-off</c> phase of a function that needs it, without <c>rules.background_notice</c>.
/// </summary>
internal sealed class BackgroundNoNoticeRule : IRule
{
    public string Id => RuleIds.BackgroundNoNotice;
    public bool NeedsProfile => true;

    public void Evaluate(DeviceContext device, List<Finding> findings)
    {
        var profile = device.Profile;
        if (profile is null || profile.Rules?.BackgroundNotice == true || profile.Phases.Count == 0)
        {
            return;
        }

        foreach (var series in device.Series)
        {
            var idle = new List<int>();
            var off = new List<int>();
            var offFunctions = new SortedSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < series.Summary.Count; i++)
            {
                var p = series.PhaseIndex[i];
                if (p < 0)
                {
                    continue;
                }

                var phase = profile.Phases[p];
                if (phase.State == PhaseState.Idle)
                {
                    idle.Add(i);
                }
                else if (phase.State == PhaseState.FunctionOff && !series.IsOpaque)
                {
                    var needing = phase.Functions.Where(f => device.Category?.Functions.GetValueOrDefault(f)?.Contains(series.DataType) == true).ToArray();
                    if (needing.Length > 0)
                    {
                        off.Add(i);
                        offFunctions.UnionWith(needing);
                    }
                }
            }

            if (idle.Count > 0)
            {
                var what = series.IsOpaque ? "an encrypted upload (opaque)" : series.DataType;
                findings.Add(series.ObservationCountFinding(Id, series.IsOpaque ? Severity.Medium : Severity.High, idle.Count, idle,
                    $"{device.Id} sent {what} to {series.Destination} {RuleText.Times(idle.Count)} while idle, " +
                    "without a prominent notice of background collection."));
            }

            if (off.Count > 0)
            {
                findings.Add(series.ObservationCountFinding(Id, Severity.High, off.Count, off,
                    $"{device.Id} sent {series.DataType} to {series.Destination} {RuleText.Times(off.Count)} while the " +
                    $"function(s) needing it ({string.Join(", ", offFunctions)}) were switched off, " +
                    "without a prominent notice of background collection."));
            }
        }
    }
}
