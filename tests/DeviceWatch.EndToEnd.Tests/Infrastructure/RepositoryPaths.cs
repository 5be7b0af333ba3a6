namespace DeviceWatch.EndToEnd.Tests.Infrastructure;

/// <summary>Paths inside the repository (profiles/, captures/).</summary>
internal static class RepositoryPaths
{
    public static string Root
    {
        get
        {
            var fromBuild = typeof(RepositoryPaths).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
                .Cast<System.Reflection.AssemblyMetadataAttribute>()
                .FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
            if (fromBuild is not null && System.IO.File.Exists(Path.Combine(fromBuild, "DeviceWatch.sln")))
            {
                return Path.GetFullPath(fromBuild);
            }

            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (System.IO.File.Exists(Path.Combine(dir.FullName, "DeviceWatch.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new DirectoryNotFoundException("DeviceWatch.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
