using System.Diagnostics;

namespace DeviceWatch.Dissect.Tests.Dns;

/// <summary>Runs tshark (the test oracle) and returns its standard output; a missing tshark or an error fails the test.</summary>
internal static class Tshark
{
    public static string Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("tshark")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("tshark did not start");
        var errorTask = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(60_000))
        {
            process.Kill();
            throw new TimeoutException("tshark " + string.Join(' ', arguments));
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"tshark exited {process.ExitCode}: {errorTask.Result}");
        }

        return output;
    }

    /// <summary>One row per packet matching <paramref name="filter"/>: the requested fields, tab-separated, multiple values joined with '|'.</summary>
    public static IReadOnlyList<string[]> Fields(string capture, string filter, params string[] fields)
    {
        var arguments = new List<string> { "-r", PublicCaptures.PathOf(capture), "-Y", filter, "-T", "fields", "-E", "aggregator=|", "-E", "occurrence=a" };
        foreach (var field in fields)
        {
            arguments.Add("-e");
            arguments.Add(field);
        }

        return Run([.. arguments])
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .ToList();
    }

    /// <summary>The UDP payloads of the packets matching <paramref name="filter"/>.</summary>
    public static IReadOnlyList<byte[]> UdpPayloads(string capture, string filter) =>
        Fields(capture, filter, "udp.payload").Select(row => Convert.FromHexString(row[0])).ToList();
}
