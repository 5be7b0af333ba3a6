namespace DeviceWatch.Cli.Commands;

/// <summary>Bad usage or input detected by a command (exit code 2); the message says what and where.</summary>
internal sealed class UsageException(string message) : Exception(message);
