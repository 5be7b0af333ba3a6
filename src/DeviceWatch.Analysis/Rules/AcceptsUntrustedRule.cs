namespace DeviceWatch.Analysis.Rules;

/// <summary>
/// <c>tls.accepts-untrusted</c>: the device completed TLS with the proxy's certificate though the profile does
/// not say the lab CA is installed.
/// </summary>
internal sealed class AcceptsUntrustedRule : IRule
{
    public string Id => RuleIds.AcceptsUntrusted;
    public bool NeedsProfile => true;

    public void Evaluate(DeviceContext device, List<Finding> findings)
    {
        if (device.Profile is null || device.Profile.CaInstalled)
        {
            return;
        }

        foreach (var group in device.TlsEvents.Where(e => e.Completed).GroupBy(e => e.Host, StringComparer.Ordinal))
        {
            var events = group.OrderBy(e => e.Ts).ThenBy(e => e.Uid, StringComparer.Ordinal).ToArray();
            findings.Add(new Finding
            {
                Rule = Id,
                Destination = group.Key,
                Severity = Severity.High,
                Measured = events.Length,
                Limit = 0,
                Unit = "handshakes",
                Message = $"{device.Id} completed {events.Length} TLS handshake(s) for {group.Key} with the DeviceWatch proxy's " +
                          "certificate although the lab CA is not installed: it does not verify servers, so anyone on the path can read its traffic.",
                Evidence = events.Take(5).Select(e => new EvidenceRef(e.Ts, e.Uid, "tls:certificate")).ToArray(),
            });
        }
    }
}
