using DeviceWatch.Analysis.Profiles;

namespace DeviceWatch.Cli.Commands;

/// <summary>Finds and loads the profile folder; an invalid profile is a usage error (exit code 2).</summary>
internal static class ProfileDirectory
{
    /// <summary>The folder given, else <c>./profiles</c>, else the repository's <c>profiles/</c> above the executable.</summary>
    public static string? Resolve(string? given)
    {
        if (given is not null)
        {
            if (!Directory.Exists(given))
            {
                throw new UsageException($"{given}: profile folder not found");
            }

            return given;
        }

        if (Directory.Exists("profiles"))
        {
            return "profiles";
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "profiles");
            if (Directory.Exists(Path.Combine(candidate, "categories")))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Loads and validates every profile, or throws a <see cref="UsageException"/> listing each error.</summary>
    public static ProfileSet Load(string? given)
    {
        var directory = Resolve(given);
        if (directory is null)
        {
            return ProfileSet.Empty;
        }

        var result = ProfileLoader.Load(directory);
        if (!result.IsValid)
        {
            throw new UsageException("invalid profiles:\n  " + string.Join("\n  ", result.Errors.Select(e => e.ToString())));
        }

        return result.Profiles!;
    }
}
