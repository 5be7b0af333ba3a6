using System.Diagnostics.CodeAnalysis;

namespace DeviceWatch.Dissect.Dhcp;

/// <summary>Parses one DHCP message from a UDP datagram (STUB: to be implemented).</summary>
public static class DhcpMessageParser
{
    /// <summary>Parses <paramref name="datagram"/>; on failure <paramref name="anomaly"/> names what was wrong.</summary>
    public static bool TryParse(ReadOnlySpan<byte> datagram, DateTime timestamp, [NotNullWhen(true)] out DhcpMessage? message, out string? anomaly)
    {
        _ = datagram;
        _ = timestamp;
        message = null;
        anomaly = "not-implemented";
        return false;
    }
}
