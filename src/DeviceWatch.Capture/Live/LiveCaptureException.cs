namespace DeviceWatch.Capture.Live;

/// <summary>An interface cannot be opened or a filter is invalid; the message names the interface and the cause.</summary>
public sealed class LiveCaptureException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LiveCaptureException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
