using System.Diagnostics.CodeAnalysis;

namespace DeviceWatch.Dissect.Dns;

/// <summary>Parses one DNS/mDNS/LLMNR message from a datagram (STUB: to be implemented).</summary>
public static class DnsMessageParser
{
    /// <summary>Parses <paramref name="datagram"/>; on failure <paramref name="anomaly"/> names what was wrong.</summary>
    public static bool TryParse(ReadOnlySpan<byte> datagram, DateTime timestamp, [NotNullWhen(true)] out DnsMessage? message, out string? anomaly)
    {
        _ = datagram;
        _ = timestamp;
        message = null;
        anomaly = "not-implemented";
        return false;
    }
}
