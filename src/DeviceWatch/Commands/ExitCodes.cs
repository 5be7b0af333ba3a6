namespace DeviceWatch.Cli.Commands;

/// <summary>Process exit codes of the public contract.</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;
    /// <summary>Internal error.</summary>
    public const int InternalError = 1;
    /// <summary>Bad input or usage.</summary>
    public const int BadInput = 2;
    /// <summary>Done, and a finding at or above <c>--fail-on</c> exists (or a regression, for diff).</summary>
    public const int FindingsAtOrAboveThreshold = 3;
}
