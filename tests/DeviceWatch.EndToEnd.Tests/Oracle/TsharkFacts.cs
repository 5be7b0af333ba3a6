using DeviceWatch.EndToEnd.Tests.Infrastructure;

namespace DeviceWatch.EndToEnd.Tests.Oracle;

/// <summary>What tshark reports for a capture: DNS names, SNIs, HTTP host+URI, TCP/UDP conversation counts.</summary>
internal sealed record TsharkFacts(
    IReadOnlySet<string> DnsNames,
    IReadOnlySet<string> ServerNames,
    IReadOnlySet<string> HttpRequests,
    int TcpConversations,
    int UdpConversations)
{
    public static TsharkFacts Read(string path)
    {
        var (_, stdout, _) = ExternalTool.Run("tshark",
        [
            "-r", path, "-n", "-T", "fields", "-E", "separator=\t", "-E", "occurrence=a", "-E", "aggregator=\u0001",
            "-Y", "(dns && !icmp && !icmpv6) || tls.handshake.type == 1 || (http.request && tcp)",
            "-e", "frame.protocols", "-e", "dns.qry.name", "-e", "tls.handshake.extensions_server_name",
            "-e", "http.host", "-e", "http.request.uri",
            "-z", "conv,tcp", "-z", "conv,udp",
        ]);

        var dns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var sni = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var http = new HashSet<string>(StringComparer.Ordinal);
        int tcp = 0, udp = 0;
        string? section = null;
        foreach (var line in stdout.Split('\n'))
        {
            if (line.StartsWith("====", StringComparison.Ordinal) || section is not null)
            {
                if (line.StartsWith("TCP Conversations", StringComparison.Ordinal))
                {
                    section = "tcp";
                }
                else if (line.StartsWith("UDP Conversations", StringComparison.Ordinal))
                {
                    section = "udp";
                }
                else if (line.StartsWith("====", StringComparison.Ordinal))
                {
                    section ??= "stats";
                }
                else if (line.Contains("<->", StringComparison.Ordinal))
                {
                    if (section == "tcp")
                    {
                        tcp++;
                    }
                    else if (section == "udp")
                    {
                        udp++;
                    }
                }

                continue;
            }

            var columns = line.Split('\t');
            if (columns.Length < 5)
            {
                continue;
            }

            foreach (var name in columns[1].Split('\u0001', StringSplitOptions.RemoveEmptyEntries))
            {
                // tshark writes placeholders such as "<Name too long>" or "<Root>" where there is no name.
                if (!name.StartsWith('<'))
                {
                    dns.Add(name.TrimEnd('.'));
                }
            }

            foreach (var name in columns[2].Split('\u0001', StringSplitOptions.RemoveEmptyEntries))
            {
                sni.Add(name);
            }

            var hosts = columns[3].Split('\u0001');
            var uris = columns[4].Split('\u0001');
            for (var i = 0; i < uris.Length; i++)
            {
                if (uris[i].Length > 0)
                {
                    http.Add((i < hosts.Length ? hosts[i] : "") + " " + uris[i]);
                }
            }
        }

        return new TsharkFacts(dns, sni, http, tcp, udp);
    }
}
