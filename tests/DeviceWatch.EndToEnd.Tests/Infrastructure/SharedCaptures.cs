namespace DeviceWatch.EndToEnd.Tests.Infrastructure;

/// <summary>Finds the read-only public captures in <c>shared/captures/public</c> next to the repository.</summary>
internal static class SharedCaptures
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(RepositoryPaths.Root); dir is not null; dir = dir.Parent)
            {
                foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared", "captures", "public"), Path.Combine(dir.FullName, "..", "shared", "captures", "public") })
                {
                    if (Directory.Exists(candidate))
                    {
                        return Path.GetFullPath(candidate);
                    }
                }
            }

            throw new DirectoryNotFoundException("shared/captures/public not found above " + AppContext.BaseDirectory);
        }
    }

    public static string File(string relative) => Path.Combine(Root, relative);

    /// <summary>Every capture file (by magic number) under the public folder, relative paths, sorted.</summary>
    public static IEnumerable<string> All() =>
        Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .Where(IsCapture)
            .Select(p => Path.GetRelativePath(Root, p))
            .Order(StringComparer.Ordinal);

    private static bool IsCapture(string path)
    {
        using var stream = System.IO.File.OpenRead(path);
        Span<byte> magic = stackalloc byte[4];
        if (stream.Read(magic) < 4)
        {
            return false;
        }

        var value = BitConverter.ToUInt32(magic);
        return value is 0xA1B2C3D4 or 0xD4C3B2A1 or 0xA1B23C4D or 0x4D3CB2A1 or 0x0A0D0D0A;
    }
}
