using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DeviceWatch.Cli.Commands;

/// <summary>
/// <c>devicewatch run --config FILE [--Key=value ...]</c>: the lab daemon. Captures live on the gateway's LAN
/// interfaces (and runs the transparent proxy), writes rotated captures and, at SIGTERM/Ctrl-C, the same output
/// folder as <c>analyze</c>. Configuration: the JSON or YAML file, then <c>DEVICEWATCH_*</c> variables, then arguments.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var config = new Option<string>("--config", "-c") { Description = "configuration file, JSON or YAML (.yaml/.yml; see docs/lab.md)", Required = true };
        var command = new Command("run", "Run the lab daemon: live capture (+ transparent proxy) into one session, outputs as analyze at SIGTERM/Ctrl-C.\nOverride any setting with --Section:Key=value or DEVICEWATCH_Section__Key.")
        {
            config,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, _) => Task.FromResult(CommandRunner.Run(() => Run(parse.GetValue(config)!, parse.UnmatchedTokens.ToArray()))));
        return command;
    }

    /// <summary>Loads and validates the settings (a <see cref="UsageException"/> lists every problem).</summary>
    public static RunSettings LoadSettings(string configFile, string[] overrides)
    {
        if (!File.Exists(configFile))
        {
            throw new UsageException($"--config {configFile}: file not found");
        }

        IConfigurationRoot configuration;
        try
        {
            var builder = new ConfigurationBuilder();
            if (RunYamlConfiguration.IsYaml(configFile))
            {
                builder.AddInMemoryCollection(RunYamlConfiguration.Read(configFile));
            }
            else
            {
                builder.AddJsonFile(Path.GetFullPath(configFile), optional: false);
            }

            configuration = builder
                .AddEnvironmentVariables("DEVICEWATCH_")
                .AddCommandLine(overrides)
                .Build();
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or System.Text.Json.JsonException)
        {
            throw new UsageException($"--config {configFile}: {ex.Message}");
        }

        var settings = new RunSettings();
        try
        {
            configuration.Bind(settings, o => o.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException ex)
        {
            throw new UsageException($"--config {configFile}: {ex.Message}");
        }

        var errors = RunSettingsValidator.Validate(settings);
        if (errors.Count > 0)
        {
            throw new UsageException($"--config {configFile}:\n  " + string.Join("\n  ", errors));
        }

        return settings;
    }

    private static int Run(string configFile, string[] overrides)
    {
        var settings = LoadSettings(configFile, overrides);
        var profiles = ProfileDirectory.Load(settings.Profiles);
        using var session = new RunSession(settings, profiles, Console.Error);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, Args = [] });
        builder.Services.AddSystemd();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromMinutes(5));
        builder.Services.AddSingleton(session);
        builder.Services.AddHostedService<RunHostedService>();
        using var host = builder.Build();
        host.Run();
        return ExitCodes.Ok;
    }
}
