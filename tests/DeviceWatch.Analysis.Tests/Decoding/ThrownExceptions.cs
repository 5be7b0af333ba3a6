namespace DeviceWatch.Analysis.Tests.Decoding;

/// <summary>Counts exceptions thrown (and caught or not) while an action runs.</summary>
internal static class ThrownExceptions
{
    /// <summary>
    /// First-chance exceptions raised on this thread while <paramref name="action"/> runs: decoders must turn bad input
    /// away without one. Other tests run in parallel in this process, so only this thread counts.
    /// </summary>
    public static int On(Action action)
    {
        var thrown = 0;
        var thread = Environment.CurrentManagedThreadId;
        void Count(object? sender, System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs e)
        {
            if (Environment.CurrentManagedThreadId == thread)
            {
                thrown++;
            }
        }

        AppDomain.CurrentDomain.FirstChanceException += Count;
        try
        {
            action();
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= Count;
        }

        return thrown;
    }
}
