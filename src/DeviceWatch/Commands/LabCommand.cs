using System.CommandLine;
using System.Globalization;

namespace DeviceWatch.Cli.Commands;

/// <summary>
/// <c>devicewatch lab up|down --lan IFACE --wan IFACE [--ports 80,443,8883] [--proxy-port 8081] [--state-file F]</c>:
/// turns this machine into the lab gateway (forwarding, NAT, REDIRECT to the transparent proxy) and back.
/// </summary>
internal static class LabCommand
{
    public static Command Create()
    {
        var command = new Command("lab", "Set up (up) or remove (down) the lab gateway: forwarding, NAT and REDIRECT of device ports to the transparent proxy.");
        command.Subcommands.Add(Create("up"));
        command.Subcommands.Add(Create("down"));
        return command;
    }

    private static Command Create(string name)
    {
        var lan = new Option<string>("--lan") { Description = "interface the devices are on", Required = true };
        var wan = new Option<string>("--wan") { Description = "interface towards the Internet", Required = true };
        var ports = new Option<string>("--ports") { Description = "device TCP ports sent to the proxy", DefaultValueFactory = _ => "80,443,8883" };
        var proxyPort = new Option<int>("--proxy-port") { Description = "port of the transparent proxy (run's Proxy:Listen)", DefaultValueFactory = _ => 8081 };
        var stateFile = new Option<string?>("--state-file") { Description = "where up records what it changed (default /run/devicewatch/lab-LAN.state)" };
        var command = new Command(name, name == "up" ? "Enable forwarding and NAT, redirect the devices' ports to the proxy." : "Remove exactly what `lab up` added.")
        {
            lan, wan, ports, proxyPort, stateFile,
        };
        command.SetAction((parse, _) => Task.FromResult(CommandRunner.Run(() =>
        {
            var lanName = parse.GetValue(lan)!;
            var gateway = new LabGateway(
                Interface(lanName, "--lan"),
                Interface(parse.GetValue(wan)!, "--wan"),
                ParsePorts(parse.GetValue(ports)!),
                parse.GetValue(proxyPort) is var p and >= 1 and <= 65535 ? p : throw new UsageException("--proxy-port: not a port number"),
                parse.GetValue(stateFile) ?? $"/run/devicewatch/lab-{lanName}.state");
            if (name == "up")
            {
                gateway.Up(Console.Out);
            }
            else
            {
                gateway.Down(Console.Out);
            }

            return ExitCodes.Ok;
        })));
        return command;
    }

    private static string Interface(string name, string option)
    {
        if (name.Length is 0 or > 15 || name.Any(c => char.IsWhiteSpace(c) || c == '/'))
        {
            throw new UsageException($"{option}: '{name}' is not an interface name");
        }

        if (!Directory.Exists(Path.Combine("/sys/class/net", name)))
        {
            throw new UsageException($"{option}: interface '{name}' not found");
        }

        return name;
    }

    private static int[] ParsePorts(string text)
    {
        var ports = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            {
                throw new UsageException($"--ports: '{part}' is not a port number");
            }

            ports.Add(port);
        }

        return ports.Count == 0 ? throw new UsageException("--ports: give at least one port") : ports.Distinct().ToArray();
    }
}
