namespace DeviceWatch.Analysis.Profiles;

/// <summary>One problem found in a profile file.</summary>
/// <param name="File">The file (as found under the profile folder).</param>
/// <param name="KeyPath">The key path, e.g. <c>limits.location.gps.max_per_hour</c> or <c>phases[1].to</c>.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Line">1-based line, or 0 when unknown.</param>
public sealed record ProfileError(string File, string KeyPath, string Message, int Line)
{
    /// <summary>A one-line message for stderr: <c>file:line: key.path: what is wrong</c>.</summary>
    public override string ToString()
    {
        var where = Line > 0 ? $"{File}:{Line}" : File;
        return KeyPath.Length > 0 ? $"{where}: {KeyPath}: {Message}" : $"{where}: {Message}";
    }
}
