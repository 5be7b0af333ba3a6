using System.Runtime.CompilerServices;

namespace DeviceWatch.Capture.Tests.Reassembly;

/// <summary>Finds the public captures under <c>/work/shared</c> by walking up from the test assembly and from this source file.</summary>
internal static class SharedCaptures
{
    /// <summary>Full path of <paramref name="relativePath"/> under <c>shared/captures/public</c>; fails the test when it is missing.</summary>
    public static string Public(string relativePath, [CallerFilePath] string sourceFile = "")
    {
        string[] starts = [AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? "", Directory.GetCurrentDirectory()];
        foreach (string start in starts)
        {
            for (DirectoryInfo? directory = new(start); directory is not null; directory = directory.Parent)
            {
                string candidate = Path.Combine(directory.FullName, "shared", "captures", "public", relativePath);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        Assert.Fail($"public capture shared/captures/public/{relativePath} not found above {string.Join(" or ", starts)}");
        return "";
    }
}
