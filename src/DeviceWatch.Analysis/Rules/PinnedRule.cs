namespace DeviceWatch.Analysis.Rules;

/// <summary>
/// <c>tls.pinned</c>: the device refused the proxy's certificate for a host (information, low). It needs no
/// profile: a refused handshake is a fact about the device whatever it is declared to do.
/// </summary>
internal sealed class PinnedRule : IRule
{
    public string Id => RuleIds.Pinned;
    public bool NeedsProfile => false;

    public void Evaluate(DeviceContext device, List<Finding> findings)
    {
        foreach (var group in device.TlsEvents.Where(e => !e.Completed).GroupBy(e => e.Host, StringComparer.Ordinal))
        {
            var events = group.OrderBy(e => e.Ts).ThenBy(e => e.Uid, StringComparer.Ordinal).ToArray();
            var reasons = events.Select(e => e.FailureReason).Where(r => !string.IsNullOrEmpty(r)).Distinct().Order(StringComparer.Ordinal).ToArray();
            var why = reasons.Length > 0 ? $" ({string.Join("; ", reasons)})" : "";
            findings.Add(new Finding
            {
                Rule = Id,
                Destination = group.Key,
                Severity = Severity.Low,
                Measured = events.Length,
                Limit = 0,
                Unit = "handshakes",
                Message = $"{device.Id} refused the DeviceWatch proxy's certificate for {group.Key} {RuleText.Times(events.Length)}{why}; " +
                          "its traffic to this host could not be read (certificate pinning or strict validation).",
                Evidence = events.Take(5).Select(e => new EvidenceRef(e.Ts, e.Uid, "tls:certificate")).ToArray(),
            });
        }
    }
}
