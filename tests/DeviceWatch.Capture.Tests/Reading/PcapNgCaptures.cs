using System.Runtime.CompilerServices;

namespace DeviceWatch.Capture.Tests.Reading;

/// <summary>
/// Finds <c>shared/captures/public</c> (walking up from the test assembly, this source file and the working folder, then
/// <c>/work/shared/captures/public</c>) and <c>PcapNgGolden.tsv</c> beside this source file. Missing ones fail the test.
/// </summary>
internal static class PcapNgCaptures
{
    public static string PublicFolder([CallerFilePath] string sourceFile = "")
    {
        string[] starts = [AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? "", Directory.GetCurrentDirectory()];
        foreach (var start in starts)
        {
            for (DirectoryInfo? directory = new(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "shared", "captures", "public");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        if (Directory.Exists("/work/shared/captures/public"))
        {
            return "/work/shared/captures/public";
        }

        Assert.Fail($"shared/captures/public not found above {string.Join(" or ", starts)} nor at /work/shared/captures/public");
        return "";
    }

    public static string GoldenFile([CallerFilePath] string sourceFile = "")
    {
        var candidates = new List<string> { Path.Combine(Path.GetDirectoryName(sourceFile) ?? "", "PcapNgGolden.tsv") };
        var root = typeof(PcapNgCaptures).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .OfType<System.Reflection.AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        if (root is not null)
        {
            candidates.Add(Path.Combine(root, "tests", "DeviceWatch.Capture.Tests", "Reading", "PcapNgGolden.tsv"));
        }

        var found = candidates.FirstOrDefault(File.Exists);
        Assert.True(found is not null, "PcapNgGolden.tsv not found at " + string.Join(" or ", candidates));
        return found;
    }

    /// <summary>Relative paths ('/'-separated) of every file under the public folder that starts with the pcapng magic.</summary>
    public static IReadOnlyList<string> PcapNgFiles()
    {
        var folder = PublicFolder();
        var files = new List<string>();
        Span<byte> magic = stackalloc byte[4];
        foreach (var path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            using var stream = File.OpenRead(path);
            if (stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false) == 4 && magic.SequenceEqual(new byte[] { 0x0A, 0x0D, 0x0D, 0x0A }))
            {
                files.Add(Path.GetRelativePath(folder, path).Replace('\\', '/'));
            }
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }
}
