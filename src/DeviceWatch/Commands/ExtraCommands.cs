using System.CommandLine;

namespace DeviceWatch.Cli.Commands;

/// <summary>Commands beyond analyze and synth.</summary>
internal static class ExtraCommands
{
    public static IEnumerable<Command> Create() => [ProfilesCommand.Create(), DiffCommand.Create(), ProxyCommand.Create(), CaCommand.Create(), RunCommand.Create(), TagCommand.Create(), LabCommand.Create()];
}
