using System.CommandLine;
using DeviceWatch.Cli.Commands;

namespace DeviceWatch.Cli;

/// <summary>The <c>devicewatch</c> command line.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] is "proxy" or "run")
        {
            // Before any socket is used (the run daemon's control socket comes before its proxy).
            DeviceWatch.Proxy.ProxyServer.PrepareProcess();
        }

        var root = new RootCommand(
            "DeviceWatch shows what smart devices send to the cloud and judges whether they over-collect personal information.\n" +
            "Exit codes: 0 done; 2 bad input or usage; 3 a finding at or above --fail-on exists; 1 internal error.");
        root.Subcommands.Add(AnalyzeCommand.Create());
        root.Subcommands.Add(SynthCommand.Create());
        foreach (var command in ExtraCommands.Create())
        {
            root.Subcommands.Add(command);
        }

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                Console.Error.WriteLine("devicewatch: " + error.Message);
            }

            Console.Error.WriteLine("Try 'devicewatch --help'.");
            return ExitCodes.BadInput;
        }

        try
        {
            return parsed.Invoke();
        }
        catch (UsageException ex)
        {
            Console.Error.WriteLine("devicewatch: " + ex.Message);
            return ExitCodes.BadInput;
        }
    }
}
