using DeviceWatch.Capture.Reading;

namespace DeviceWatch.Cli.Commands;

/// <summary>Runs a command body and maps failures to the contract's exit codes with a clear message.</summary>
internal static class CommandRunner
{
    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (UsageException ex)
        {
            Console.Error.WriteLine("devicewatch: " + ex.Message);
            return ExitCodes.BadInput;
        }
        catch (CaptureInputException ex)
        {
            Console.Error.WriteLine("devicewatch: " + ex.Message);
            return ExitCodes.BadInput;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine("devicewatch: " + ex.Message);
            return ExitCodes.BadInput;
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine("devicewatch: internal error: " + ex);
            return ExitCodes.InternalError;
        }
    }
}
