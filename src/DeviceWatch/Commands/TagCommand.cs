using System.CommandLine;
using System.Net.Sockets;

namespace DeviceWatch.Cli.Commands;

/// <summary>
/// <c>devicewatch tag DEVICE idle|active|function-off [--function F] [--control SOCKET]</c>: marks an experiment phase
/// in the running session from now on (until the next tag or the end of the session).
/// </summary>
internal static class TagCommand
{
    public static Command Create()
    {
        var device = new Argument<string>("DEVICE") { Description = "device profile id (or a MAC/IP its profile matches)" };
        var state = new Argument<string>("STATE") { Description = "idle, active or function-off" };
        state.AcceptOnlyFromAmong("idle", "active", "function-off");
        var function = new Option<string[]>("--function", "-f") { Description = "function switched off (with function-off); repeatable", Arity = ArgumentArity.ZeroOrMore };
        var control = new Option<string>("--control") { Description = "control socket of the session", DefaultValueFactory = _ => RunControlServer.DefaultSocketPath };
        var command = new Command("tag", "Mark an experiment phase of a device in the running `devicewatch run` session.") { device, state, function, control };
        command.SetAction((parse, _) => Task.FromResult(CommandRunner.Run(() => Run(parse.GetValue(device)!, parse.GetValue(state)!, parse.GetValue(function) ?? [], parse.GetValue(control)!))));
        return command;
    }

    private static int Run(string device, string state, string[] functions, string control)
    {
        if (state == "function-off" && functions.Length == 0)
        {
            throw new UsageException("function-off needs --function F");
        }

        if (device.Contains('\t', StringComparison.Ordinal) || functions.Any(f => f.Contains('\t', StringComparison.Ordinal) || f.Contains(',', StringComparison.Ordinal)))
        {
            throw new UsageException("DEVICE and --function must not contain tabs or commas");
        }

        string answer;
        try
        {
            answer = RunControlServer.SendAsync(control, $"tag\t{device}\t{state}\t{string.Join(',', functions)}", TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or IOException)
        {
            throw new UsageException($"no session answers on {control} ({ex.Message}); is `devicewatch run` running?");
        }

        if (answer != "ok")
        {
            throw new UsageException(answer.StartsWith("error: ", StringComparison.Ordinal) ? answer[7..] : answer);
        }

        Console.WriteLine($"{device}: {state}{(functions.Length == 0 ? "" : " (" + string.Join(", ", functions) + " off)")} from now");
        return ExitCodes.Ok;
    }
}
