using System.Diagnostics;

namespace DeviceWatch.EndToEnd.Tests.Infrastructure;

/// <summary>Runs a real peer tool (tshark, curl…) and returns its output; a missing tool fails the test.</summary>
internal static class ExternalTool
{
    public static (int ExitCode, string Stdout, string Stderr) Run(string tool, IEnumerable<string> arguments, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {tool}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} did not finish");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
