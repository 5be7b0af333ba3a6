namespace DeviceWatch.EndToEnd.Tests.Infrastructure;

/// <summary>Runs the real <c>devicewatch</c> executable (the built CLI next to the test assembly).</summary>
internal static class DeviceWatchCli
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "devicewatch.dll");

    public static (int ExitCode, string Stdout, string Stderr) Run(params string[] arguments) =>
        ExternalTool.Run("dotnet", [Dll, .. arguments], TimeSpan.FromMinutes(5));

    public static string Profiles => Path.Combine(RepositoryPaths.Root, "profiles");

    public static string DemoCapture => Path.Combine(RepositoryPaths.Root, "captures", "demo-lab.pcapng");
}
