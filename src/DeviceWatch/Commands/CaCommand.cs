using System.CommandLine;
using System.Text;
using DeviceWatch.Proxy.Certificates;

namespace DeviceWatch.Cli.Commands;

/// <summary><c>devicewatch ca export [--state DIR] [--format pem|der] [--out FILE]</c>: the lab CA to install on devices.</summary>
internal static class CaCommand
{
    /// <summary>The default state folder: <c>~/.devicewatch</c>.</summary>
    public static string DefaultStateDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".devicewatch");

    public static Command Create()
    {
        var state = new Option<string?>("--state") { Description = "state folder holding the CA (default ~/.devicewatch); the CA is created there on first use" };
        var format = new Option<string>("--format") { Description = "pem or der", DefaultValueFactory = _ => "pem" };
        format.AcceptOnlyFromAmong("pem", "der");
        var output = new Option<string?>("--out", "-o") { Description = "file to write (default: standard output)" };
        var export = new Command("export", "Write the lab CA certificate (never its key) to install on test devices.") { state, format, output };
        export.SetAction(parse => CommandRunner.Run(() =>
        {
            using var authority = LoadAuthority(parse.GetValue(state));
            var der = parse.GetValue(format) == "der";
            var bytes = der ? authority.ExportDer() : Encoding.ASCII.GetBytes(authority.ExportPem());
            if (parse.GetValue(output) is { } file)
            {
                File.WriteAllBytes(file, bytes);
                Console.Error.WriteLine($"devicewatch: wrote the CA certificate ({(der ? "DER" : "PEM")}) to {file}");
            }
            else
            {
                using var stdout = Console.OpenStandardOutput();
                stdout.Write(bytes);
            }

            return ExitCodes.Ok;
        }));
        return new Command("ca", "Work with the lab CA of the interception proxy.") { export };
    }

    /// <summary>Loads (or on first use creates) the CA in <paramref name="stateDirectory"/>; a broken CA is a usage error.</summary>
    public static CertificateAuthority LoadAuthority(string? stateDirectory)
    {
        var directory = stateDirectory ?? DefaultStateDirectory;
        try
        {
            var authority = CertificateAuthority.LoadOrCreate(directory);
            if (authority.Created)
            {
                Console.Error.WriteLine($"devicewatch: created a new lab CA in {directory} (key file mode 0600)");
            }

            return authority;
        }
        catch (InvalidDataException ex)
        {
            throw new UsageException(ex.Message);
        }
    }
}
