using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using DeviceWatch.Dissect.Common;

namespace DeviceWatch.Dissect.Tests.Quic;

/// <summary>
/// Reads the public captures with tshark (the oracle). The captures folder is found by walking up from the test
/// assembly and from this source file to <c>shared/captures/public</c>, then at <c>/work/shared/captures/public</c>;
/// a missing capture or tshark fails the test, never skips it.
/// </summary>
internal static class QuicCaptures
{
    private static readonly Lazy<string> Root = new(FindRoot);
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<QuicCaptureDatagram>> s_datagrams = new();

    public static string PathOf(string relativePath)
    {
        var path = Path.Combine(Root.Value, relativePath);
        return File.Exists(path) ? path : throw new FileNotFoundException($"public capture not found: {path}", path);
    }

    /// <summary>Every UDP datagram of <paramref name="capture"/> in capture order.</summary>
    public static IReadOnlyList<QuicCaptureDatagram> Datagrams(string capture) => s_datagrams.GetOrAdd(capture, Read);

    private static IReadOnlyList<QuicCaptureDatagram> Read(string capture)
    {
        var rows = Fields(capture, "udp", "frame.number", "udp.stream", "ip.src", "ipv6.src", "udp.srcport", "udp.payload", "quic.long.packet_type", "quic.dcil");
        var originators = new Dictionary<int, string>();
        var datagrams = new List<QuicCaptureDatagram>();
        foreach (var row in rows)
        {
            var stream = int.Parse(row[1], CultureInfo.InvariantCulture);
            var source = row[2] + row[3] + ":" + row[4];
            originators.TryAdd(stream, source);
            var direction = originators[stream] == source ? FlowDirection.FromOriginator : FlowDirection.FromResponder;
            var isInitial = First(row[6]) == "0" && int.TryParse(First(row[7]), CultureInfo.InvariantCulture, out var dcil) && dcil >= 8;
            datagrams.Add(new QuicCaptureDatagram(int.Parse(row[0], CultureInfo.InvariantCulture), stream, direction, Convert.FromHexString(row[5]), isInitial));
        }
        return datagrams;
    }

    /// <summary>One row per packet matching <paramref name="filter"/>: the fields, tab-separated, repeated values joined by '|'.</summary>
    public static IReadOnlyList<string[]> Fields(string capture, string filter, params string[] fields)
    {
        var arguments = new List<string> { "-r", PathOf(capture), "-Y", filter, "-T", "fields", "-E", "aggregator=|", "-E", "occurrence=a" };
        foreach (var field in fields)
        {
            arguments.Add("-e");
            arguments.Add(field);
        }
        return Run(arguments)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .ToList();
    }

    private static string First(string values) => values.Split('|')[0];

    private static string Run(List<string> arguments)
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
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(60_000))
        {
            process.Kill();
            throw new TimeoutException("tshark " + string.Join(' ', arguments));
        }
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"tshark exited {process.ExitCode}: {errors.Result}");
    }

    private static string FindRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, SourceDirectory() })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "shared", "captures", "public");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        const string Fallback = "/work/shared/captures/public";
        return Directory.Exists(Fallback) ? Fallback : throw new DirectoryNotFoundException("shared/captures/public not found above " + AppContext.BaseDirectory);
    }

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path) ?? "/";
}
