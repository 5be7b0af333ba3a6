using System.CommandLine;

namespace DeviceWatch.Cli.Commands;

/// <summary>Commands beyond analyze and synth (profiles, …).</summary>
internal static class ExtraCommands
{
    public static IEnumerable<Command> Create() => [];
}
