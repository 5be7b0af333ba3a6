using System.Net;
using System.Net.Sockets;

namespace DeviceWatch.Analysis.Aggregation;

/// <summary>Host name helpers: local destinations, registrable domains, suffix matches.</summary>
internal static class Domains
{
    // A small public-suffix list: second-level suffixes under which the registrable domain has three labels.
    private static readonly HashSet<string> s_secondLevelSuffixes = new(StringComparer.Ordinal)
    {
        "com.cn", "net.cn", "org.cn", "gov.cn", "edu.cn", "ac.cn", "com.hk", "com.tw", "co.uk", "org.uk", "ac.uk",
        "co.jp", "ne.jp", "or.jp", "com.au", "net.au", "co.kr", "com.sg", "com.br", "co.in", "co.nz", "com.mx",
        "amazonaws.com", "cloudfront.net", "azurewebsites.net", "appspot.com",
    };

    /// <summary>True for IP literals in private, loopback, link-local or multicast ranges and for .local/.lan/.home.arpa names.</summary>
    public static bool IsLocal(string host)
    {
        if (IPAddress.TryParse(host, out var ip))
        {
            if (IPAddress.IsLoopback(ip) || ip.Equals(IPAddress.Broadcast))
            {
                return true;
            }

            if (ip.AddressFamily == AddressFamily.InterNetwork)
            {
                var b = ip.GetAddressBytes();
                return b[0] == 10 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168)
                    || (b[0] == 169 && b[1] == 254) || b[0] >= 224 || b[0] == 0;
            }

            return ip.IsIPv6LinkLocal || ip.IsIPv6SiteLocal || ip.IsIPv6Multicast || ip.IsIPv6UniqueLocal;
        }

        var name = host.TrimEnd('.').ToLowerInvariant();
        return name.EndsWith(".local", StringComparison.Ordinal) || name.EndsWith(".lan", StringComparison.Ordinal)
            || name.EndsWith(".home.arpa", StringComparison.Ordinal) || name == "localhost" || !name.Contains('.', StringComparison.Ordinal);
    }

    /// <summary>True when <paramref name="host"/> is an IP literal.</summary>
    public static bool IsAddress(string host) => IPAddress.TryParse(host, out _);

    /// <summary>The registrable domain (eTLD+1 by a small built-in suffix list), or null for IP literals.</summary>
    public static string? Registrable(string host)
    {
        if (IsAddress(host))
        {
            return null;
        }

        var labels = host.TrimEnd('.').ToLowerInvariant().Split('.');
        if (labels.Length <= 2)
        {
            return string.Join('.', labels);
        }

        var lastTwo = $"{labels[^2]}.{labels[^1]}";
        return s_secondLevelSuffixes.Contains(lastTwo) ? string.Join('.', labels[^3..]) : lastTwo;
    }

    /// <summary>True when <paramref name="host"/> equals <paramref name="suffix"/> or ends with <c>.suffix</c>.</summary>
    public static bool HasSuffix(string host, string suffix)
    {
        var name = host.TrimEnd('.');
        return name.Equals(suffix, StringComparison.OrdinalIgnoreCase)
            || name.EndsWith("." + suffix, StringComparison.OrdinalIgnoreCase);
    }
}
