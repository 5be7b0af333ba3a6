using DeviceWatch.Analysis.Aggregation;

namespace DeviceWatch.Analysis.Rules;

/// <summary><c>transport.cleartext</c>: personal information sent without TLS (runs without a profile too).</summary>
internal sealed class CleartextRule : IRule
{
    public string Id => RuleIds.Cleartext;
    public bool NeedsProfile => false;

    public void Evaluate(DeviceContext device, List<Finding> findings)
    {
        foreach (var series in device.Readable)
        {
            var cleartext = Enumerable.Range(0, series.Summary.Count)
                .Where(i => series.Buffer.Transport(i) == TransportCodes.Cleartext)
                .ToList();
            if (cleartext.Count == 0)
            {
                continue;
            }

            findings.Add(series.ObservationCountFinding(Id, device.SeverityBySensitivity(series.DataType), cleartext.Count, cleartext,
                $"{device.Id} sent {series.DataType} to {series.Destination} without encryption (no TLS) " +
                $"{RuleText.Times(cleartext.Count)}; anyone on the path can read it."));
        }
    }
}
