using System.Runtime.CompilerServices;

namespace DeviceWatch.Dissect.Tests.Dns;

/// <summary>
/// Locates the public captures in <c>/work/shared/captures/public</c> by walking up from the test assembly
/// (and, since build output may live outside the tree, from this source file) to the folder holding
/// <c>shared/captures/public</c>. A missing capture throws: tests that need one fail, never skip.
/// </summary>
internal static class PublicCaptures
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>Full path of <paramref name="relativePath"/> (e.g. <c>zeek/dns_mdns.pcap</c>).</summary>
    public static string PathOf(string relativePath)
    {
        var path = Path.Combine(Root.Value, relativePath);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"public capture not found: {path}", path);
        }

        return path;
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

        throw new DirectoryNotFoundException("shared/captures/public not found above " + AppContext.BaseDirectory);
    }

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path) ?? "/";
}
