using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using DeviceWatch.Proxy.Certificates;
using DeviceWatch.Proxy.Listening;
using DeviceWatch.Proxy.Recording;
using DeviceWatch.Proxy.Relay;

namespace DeviceWatch.Proxy;

/// <summary>
/// The DeviceWatch interception proxy: listens on <see cref="ProxyOptions.Listen"/>, serves only the configured
/// client networks, intercepts TLS with leaves of the lab CA and records every exchange to the sinks.
/// </summary>
public sealed class ProxyServer : IAsyncDisposable
{
    private readonly ProxyOptions _options;
    private readonly ProxyRecorder _recorder;
    private readonly LeafCertificateCache _leaves;
    private readonly IdleSweeper _idle;
    private readonly ProxyContext _context;
    private readonly ConcurrentDictionary<IPAddress, int> _perClient = new();
    private readonly ConcurrentDictionary<Task, byte> _sessions = new();
    private readonly CancellationTokenSource _stopping = new();
    private Socket? _listener;
    private Task? _acceptLoop;
    private bool _stopped;

    // Before any proxy socket exists: socket continuations run on the epoll threads (see InlineSocketCompletions).
    static ProxyServer() => InlineSocketCompletions.Request();

    /// <summary>
    /// Prepares the process for proxying: socket continuations run on the runtime's socket event threads (about a
    /// third more keep-alive throughput on a 2-core gateway). It only takes effect before the process uses its first
    /// asynchronous socket, so commands that run a proxy call it at start-up; setting
    /// <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=0</c> opts out.
    /// </summary>
    public static void PrepareProcess() => InlineSocketCompletions.Request();

    /// <summary>Creates a proxy that mints leaves with <paramref name="authority"/> and records to <paramref name="sinks"/>.</summary>
    public ProxyServer(ProxyOptions options, CertificateAuthority authority, ProxySinks sinks)
    {
        if (options.MaxHeaderBytes < 1024 || options.MaxConnectionsPerClient < 1 || options.IdleTimeout <= TimeSpan.Zero || options.HandshakeTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("proxy limits must be positive (header bytes at least 1024)", nameof(options));
        }

        _options = options;
        _recorder = new ProxyRecorder(sinks, Statistics);
        _leaves = new LeafCertificateCache(authority, options.LeafCacheCapacity);
        _idle = new IdleSweeper(options.IdleTimeout);
        _context = new ProxyContext(options, _leaves, new UpstreamConnector(options, IsProxyItself), _recorder, Statistics, new PinningTracker(options.PinningFailureThreshold), _idle);
    }

    /// <summary>Counters.</summary>
    public ProxyStatistics Statistics { get; } = new();

    /// <summary>The bound address (with the real port when <see cref="ProxyOptions.Listen"/> asked for port 0).</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint?)_listener?.LocalEndPoint ?? throw new InvalidOperationException("not started");

    /// <summary>Every client seen so far, by IP (MAC empty: unknown behind a proxy), with flows and destinations.</summary>
    public IReadOnlyList<DeviceWatch.Core.Records.DeviceRecord> Devices => _recorder.Devices;

    /// <summary>Leaf certificates minted so far.</summary>
    public long LeavesMinted => _leaves.Minted;

    /// <summary>Binds and starts accepting.</summary>
    /// <exception cref="SocketException">The address cannot be bound.</exception>
    public void Start()
    {
        var listener = new Socket(_options.Listen.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (_options.Listen.AddressFamily == AddressFamily.InterNetworkV6 && _options.Listen.Address.Equals(IPAddress.IPv6Any))
            {
                listener.DualMode = true;
            }

            listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Bind(_options.Listen);
            listener.Listen(1024);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        _listener = listener;
        _acceptLoop = AcceptLoopAsync(listener);
    }

    /// <summary>Stops accepting, ends every connection, and waits until everything recorded was delivered to the sinks.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener?.Dispose();
        if (_acceptLoop is not null)
        {
            await _acceptLoop.ConfigureAwait(false);
        }

        await Task.WhenAll(_sessions.Keys).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _idle.Dispose();
        await _recorder.CompleteAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _leaves.Dispose();
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }

            var remote = (IPEndPoint)client.RemoteEndPoint!;
            var address = remote.Address.IsIPv4MappedToIPv6 ? remote.Address.MapToIPv4() : remote.Address;
            if (!_options.Clients.Any(n => n.Contains(address)))
            {
                Refuse(client, $"client {address} is not in the served networks ({string.Join(", ", _options.Clients)}): refused");
                continue;
            }

            var count = _perClient.AddOrUpdate(address, 1, (_, n) => n + 1);
            if (count > _options.MaxConnectionsPerClient)
            {
                Release(address);
                Refuse(client, $"client {address} has {_options.MaxConnectionsPerClient} connections open: refused");
                continue;
            }

            Interlocked.Increment(ref Statistics.AcceptedCount);
            Interlocked.Increment(ref Statistics.ActiveCount);
            client.NoDelay = true;
            var session = Task.Run(() => RunSessionAsync(client, address));
            _sessions.TryAdd(session, 0);
            _ = session.ContinueWith(t => _sessions.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    private async Task RunSessionAsync(Socket client, IPAddress address)
    {
        try
        {
            await new ClientSession(client, _context).RunAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _recorder.Log($"{address}: connection failed: {ex.GetType().Name}: {ex.Message}");
        }
        finally
        {
            Release(address);
            Interlocked.Decrement(ref Statistics.ActiveCount);
        }
    }

    private void Refuse(Socket client, string message)
    {
        Interlocked.Increment(ref Statistics.RefusedCount);
        _recorder.Log(message);
        try
        {
            client.LingerState = new LingerOption(true, 0);
        }
        catch (SocketException)
        {
            // Already gone.
        }

        client.Dispose();
    }

    private void Release(IPAddress address)
    {
        if (_perClient.AddOrUpdate(address, 0, (_, n) => n - 1) <= 0)
        {
            _perClient.TryRemove(KeyValuePair.Create(address, 0));
        }
    }

    private bool IsProxyItself(IPEndPoint endpoint)
    {
        if (_listener?.LocalEndPoint is not IPEndPoint local || endpoint.Port != local.Port)
        {
            return false;
        }

        var address = endpoint.Address.IsIPv4MappedToIPv6 ? endpoint.Address.MapToIPv4() : endpoint.Address;
        return IPAddress.IsLoopback(address) || address.Equals(local.Address) || local.Address.Equals(IPAddress.Any) || local.Address.Equals(IPAddress.IPv6Any);
    }
}
