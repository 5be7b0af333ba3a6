using DeviceWatch.Analysis.Aggregation;
using DeviceWatch.Core.Records;

namespace DeviceWatch.Analysis.Rules;

/// <summary>
/// Infers the first party of a device without a profile: the registrable domain (eTLD+1) it opened the most
/// flows to; without flows, the one it sent the most observation series to. Ties go to the domain whose first
/// label appears in the DHCP host name or vendor class, then to the alphabetically first. Local names and bare
/// IP addresses never count. Null when the device contacted no named destination.
/// </summary>
internal static class FirstPartyInference
{
    public static string? Infer(IEnumerable<ConnRecord> flows, IEnumerable<string> observationDestinations, DeviceRecord? record)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var flow in flows)
        {
            Count(counts, flow.ServerName ?? flow.RespH);
        }

        if (counts.Count == 0)
        {
            foreach (var destination in observationDestinations)
            {
                Count(counts, destination);
            }
        }

        if (counts.Count == 0)
        {
            return null;
        }

        var hint = $"{record?.Hostname} {record?.VendorClass}".ToLowerInvariant();
        return counts
            .OrderByDescending(c => c.Value)
            .ThenByDescending(c => hint.Contains(c.Key.Split('.')[0], StringComparison.Ordinal))
            .ThenBy(c => c.Key, StringComparer.Ordinal)
            .First().Key;
    }

    private static void Count(Dictionary<string, int> counts, string host)
    {
        if (Domains.IsLocal(host) || Domains.IsAddress(host))
        {
            return;
        }

        var domain = Domains.Registrable(host);
        if (domain is not null)
        {
            counts[domain] = counts.GetValueOrDefault(domain) + 1;
        }
    }
}
