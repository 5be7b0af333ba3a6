using System.Diagnostics;
using System.Globalization;

namespace DeviceWatch.Cli.Commands;

/// <summary>
/// The gateway set-up of a lab: IPv4 forwarding, NAT out of the WAN interface, and REDIRECT of the devices' TCP
/// ports to the transparent proxy. Every rule carries the comment <c>devicewatch-lab:LAN</c>; <c>down</c> deletes
/// exactly the rules <c>up</c> added and restores the forwarding setting it found (kept in a state file).
/// </summary>
internal sealed class LabGateway(string lan, string wan, IReadOnlyList<int> ports, int proxyPort, string stateFile)
{
    private string Comment => "devicewatch-lab:" + lan;

    /// <summary>The iptables rules (table, chain, match…) in the order they are added.</summary>
    public IReadOnlyList<string[]> Rules()
    {
        var rules = new List<string[]>
        {
            new[] { "-t", "nat", "POSTROUTING", "-o", wan, "-j", "MASQUERADE" },
            new[] { "-t", "filter", "FORWARD", "-i", lan, "-o", wan, "-j", "ACCEPT" },
            new[] { "-t", "filter", "FORWARD", "-i", wan, "-o", lan, "-m", "conntrack", "--ctstate", "RELATED,ESTABLISHED", "-j", "ACCEPT" },
        };
        foreach (var port in ports)
        {
            rules.Add(["-t", "nat", "PREROUTING", "-i", lan, "-p", "tcp", "--dport", port.ToString(CultureInfo.InvariantCulture), "-j", "REDIRECT", "--to-ports", proxyPort.ToString(CultureInfo.InvariantCulture)]);
        }

        return rules;
    }

    public void Up(TextWriter log)
    {
        if (File.Exists(stateFile))
        {
            throw new UsageException($"lab up: {stateFile} exists; the lab on {lan} is already up (run `lab down` first)");
        }

        var forwarding = File.ReadAllText("/proc/sys/net/ipv4/ip_forward").Trim();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(stateFile))!);
        File.WriteAllText(stateFile, $"ip_forward={forwarding}\nwan={wan}\nports={string.Join(',', ports)}\nproxy_port={proxyPort}\n");
        WarnAboutBridgeFiltering(log);
        var added = new List<string[]>();
        try
        {
            File.WriteAllText("/proc/sys/net/ipv4/ip_forward", "1");
            foreach (var rule in Rules())
            {
                Iptables("-A", rule);
                added.Add(rule);
                log.WriteLine("added: iptables " + string.Join(' ', rule));
            }
        }
        catch
        {
            foreach (var rule in Enumerable.Reverse(added))
            {
                TryIptables("-D", rule);
            }

            File.WriteAllText("/proc/sys/net/ipv4/ip_forward", forwarding);
            File.Delete(stateFile);
            throw;
        }
    }

    public void Down(TextWriter log)
    {
        var forwarding = "0";
        if (File.Exists(stateFile))
        {
            foreach (var line in File.ReadAllLines(stateFile))
            {
                if (line.StartsWith("ip_forward=", StringComparison.Ordinal))
                {
                    forwarding = line["ip_forward=".Length..];
                }
            }
        }
        else
        {
            log.WriteLine($"lab down: no state file {stateFile}; removing the rules for {lan} that are present, leaving forwarding as it is");
            forwarding = File.ReadAllText("/proc/sys/net/ipv4/ip_forward").Trim();
        }

        foreach (var rule in Enumerable.Reverse(Rules()))
        {
            if (TryIptables("-D", rule))
            {
                log.WriteLine("removed: iptables " + string.Join(' ', rule));
            }
        }

        File.WriteAllText("/proc/sys/net/ipv4/ip_forward", forwarding);
        if (File.Exists(stateFile))
        {
            File.Delete(stateFile);
        }
    }

    /// <summary>
    /// A LAN bridge with br_netfilter's <c>bridge-nf-call-iptables</c> on (Docker turns it on) runs the REDIRECT
    /// inside the bridge, before the bridge device sees the frame: a capture on the bridge then shows redirected
    /// connections going to the proxy port instead of their servers. Says so and how to avoid it; changes nothing.
    /// </summary>
    private void WarnAboutBridgeFiltering(TextWriter log)
    {
        const string Setting = "/proc/sys/net/bridge/bridge-nf-call-iptables";
        if (Directory.Exists(Path.Combine("/sys/class/net", lan, "bridge")) && File.Exists(Setting) && File.ReadAllText(Setting).Trim() == "1")
        {
            log.WriteLine($"warning: {lan} is a bridge and net.bridge.bridge-nf-call-iptables is 1: a capture on {lan} will show redirected "
                + $"connections after NAT (to port {proxyPort.ToString(CultureInfo.InvariantCulture)}). Capture on the bridge's ports, or set it to 0 "
                + "(per network namespace; it also stops iptables filtering of bridged traffic, e.g. Docker's).");
        }
    }

    private void Iptables(string action, string[] rule)
    {
        var (code, error) = RunIptables(action, rule);
        if (code != 0)
        {
            throw new UsageException($"iptables {action} {string.Join(' ', rule)}: {error.Trim()}");
        }
    }

    private bool TryIptables(string action, string[] rule) => RunIptables(action, rule).Code == 0;

    private (int Code, string Error) RunIptables(string action, string[] rule)
    {
        // rule = -t TABLE CHAIN match...: iptables -w -t TABLE ACTION CHAIN match... -m comment --comment C
        var info = new ProcessStartInfo("iptables") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-w", rule[0], rule[1], action, rule[2] }.Concat(rule[3..]).Concat(["-m", "comment", "--comment", Comment]))
        {
            info.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(info) ?? throw new UsageException("cannot start iptables");
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, error);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new UsageException("iptables not found (install iptables): " + ex.Message);
        }
    }
}
