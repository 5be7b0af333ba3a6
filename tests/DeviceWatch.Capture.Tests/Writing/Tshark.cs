using System.Diagnostics;

namespace DeviceWatch.Capture.Tests.Writing;

/// <summary>Runs tshark and capinfos on capture files written by the tests.</summary>
internal static class Tshark
{
    /// <summary>Options that make tshark verify IPv4, UDP and TCP checksums.</summary>
    public static readonly string[] ChecksumValidation =
        ["-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE"];

    /// <summary>Wireshark expert severity of warnings (errors are higher).</summary>
    public const long WarningSeverity = 6291456;

    /// <summary>
    /// One row per displayed frame with the values of <paramref name="fields"/>; several occurrences of a field are
    /// joined with <c>|</c>.
    /// </summary>
    public static List<string[]> Fields(string path, IReadOnlyList<string> fields, string? displayFilter = null, IReadOnlyList<string>? extraArguments = null)
    {
        var arguments = new List<string> { "-r", path, "-n", "-T", "fields", "-E", "separator=/t", "-E", "occurrence=a", "-E", "aggregator=|" };
        foreach (var field in fields)
        {
            arguments.Add("-e");
            arguments.Add(field);
        }

        if (displayFilter is not null)
        {
            arguments.Add("-Y");
            arguments.Add(displayFilter);
        }

        arguments.AddRange(extraArguments ?? []);
        var output = Run("tshark", arguments);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r').Split('\t')).ToList();
    }

    /// <summary>The values of one field in every displayed frame where it is present.</summary>
    public static List<string> Values(string path, string field, string? displayFilter = null, IReadOnlyList<string>? extraArguments = null) =>
        Fields(path, [field], displayFilter, extraArguments).Select(r => r[0]).Where(v => v.Length > 0).ToList();

    /// <summary>Frames tshark counts in the file.</summary>
    public static int FrameCount(string path) => Fields(path, ["frame.number"]).Count;

    /// <summary>capinfos' report (machine-readable numbers).</summary>
    public static string Capinfos(string path) => Run("capinfos", ["-M", path]);

    /// <summary>Runs a tool and returns its standard output; throws with standard error when it fails.</summary>
    public static string Run(string tool, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {tool}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill();
            throw new TimeoutException($"{tool} did not finish in 60 s.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} exited with {process.ExitCode}: {stderr.Result}");
        }

        return stdout.Result;
    }
}
