using System.CommandLine;
using DeviceWatch.Analysis.Profiles;

namespace DeviceWatch.Cli.Commands;

/// <summary><c>devicewatch profiles check [DIR]</c>.</summary>
internal static class ProfilesCommand
{
    public static Command Create()
    {
        var directory = new Argument<string?>("dir") { Description = "profile folder (default: the repository's profiles/)", Arity = ArgumentArity.ZeroOrOne };
        var check = new Command("check", "Validate every category and device profile; exit 2 with file, key path and problem for each error.") { directory };
        check.SetAction(parse => CommandRunner.Run(() =>
        {
            var dir = ProfileDirectory.Resolve(parse.GetValue(directory)) ?? throw new UsageException("no profiles/ folder found; give one");
            var result = ProfileLoader.Load(dir);
            if (!result.IsValid)
            {
                foreach (var error in result.Errors)
                {
                    Console.Error.WriteLine(error.ToString());
                }

                return ExitCodes.BadInput;
            }

            var profiles = result.Profiles!;
            Console.WriteLine($"{dir}: {profiles.Categories.Count} categories, {profiles.Devices.Count} devices: valid");
            foreach (var device in profiles.Devices)
            {
                Console.WriteLine($"  {device.Id} ({device.Category})");
            }

            return ExitCodes.Ok;
        }));
        return new Command("profiles", "Work with device profiles.") { check };
    }
}
