using System.Diagnostics;

namespace DeviceWatch.Proxy.Tests.Peers;

/// <summary>Runs an external tool (curl, openssl, mosquitto_pub) with a timeout; a missing tool fails the test.</summary>
internal static class Tool
{
    public static string Path(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Concat(["/usr/sbin", "/usr/bin", "/sbin"]))
        {
            var candidate = System.IO.Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"required test tool '{name}' is not installed");
    }

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string name, IEnumerable<string> arguments, string? stdin = null, int timeoutSeconds = 20)
    {
        var info = new ProcessStartInfo(Path(name))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{name} {string.Join(' ', info.ArgumentList)} did not finish in {timeoutSeconds} s");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
