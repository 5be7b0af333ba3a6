namespace DeviceWatch.Proxy.Listening;

/// <summary>
/// Asks the runtime to run socket continuations on its epoll threads instead of handing each one to the thread pool
/// (<c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1</c>). A relayed request costs two socket events (client request,
/// server response); with the hand-off each event wakes an epoll thread and then a pool worker, inline only the epoll
/// thread: on the benchmark's 2-core box (bench/proxy/run.sh) the proxy's CPU time per keep-alive request fell by
/// 10-25 % and its context switches per request from about 2.4 to 0.6. The runtime reads the variable once, when the first
/// socket starts an asynchronous operation, for the whole process: so this is requested before the proxy opens its
/// listener, and a value the user set (e.g. <c>0</c> to opt out) is left alone. Requesting it late (a socket already
/// in use) changes nothing and is harmless: both modes are correct.
/// Why inline is safe for the proxy's continuations: none of them blocks on another socket (leaf minting runs on the
/// pool, the recorder only enqueues), so they only ever delay other sockets by their own CPU time; the one long piece
/// of CPU, a TLS handshake, is moved to the pool (<see cref="Relay.PrefixedStream.OffloadReads"/>).
/// </summary>
internal static class InlineSocketCompletions
{
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    private static int _requested;

    /// <summary>Sets <see cref="Variable"/> to 1 unless it is set already (once per process).</summary>
    public static void Request()
    {
        if (Interlocked.Exchange(ref _requested, 1) == 1)
        {
            return;
        }

        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)))
        {
            Environment.SetEnvironmentVariable(Variable, "1");
        }
    }
}
