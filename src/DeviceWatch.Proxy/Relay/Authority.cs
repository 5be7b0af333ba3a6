using System.Globalization;

namespace DeviceWatch.Proxy.Relay;

/// <summary>Parses <c>host[:port]</c> and <c>[v6]:port</c> authorities (CONNECT targets, Host headers).</summary>
internal static class Authority
{
    public static bool TryParse(string authority, int defaultPort, out string host, out int port)
    {
        host = "";
        port = defaultPort;
        string portText;
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            host = authority[1..close];
            portText = authority[(close + 1)..].TrimStart(':');
        }
        else
        {
            var colon = authority.LastIndexOf(':');
            host = colon < 0 ? authority : authority[..colon];
            portText = colon < 0 ? "" : authority[(colon + 1)..];
        }

        if (portText.Length > 0 && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            return false;
        }

        return host.Length is > 0 and <= 253 && !host.Contains(' ', StringComparison.Ordinal) && !host.Contains('/', StringComparison.Ordinal);
    }
}
