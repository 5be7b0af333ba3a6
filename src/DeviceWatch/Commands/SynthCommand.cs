using System.CommandLine;

namespace DeviceWatch.Cli.Commands;

/// <summary><c>devicewatch synth</c>: writes synthetic lab captures (demo, tests, benchmarks).</summary>
internal static class SynthCommand
{
    public static Command Create()
    {
        var command = new Command("synth", "Write a synthetic capture: the demo lab session or a large benchmark capture.");
        command.SetAction(_ => CommandRunner.Run(() => throw new UsageException("synth: not wired yet")));
        return command;
    }
}
