using System.Threading.Channels;
using DeviceWatch.Core.Analysis;
using DeviceWatch.Core.Records;

namespace DeviceWatch.Proxy.Recording;

/// <summary>
/// Delivers everything the connections record to the sinks from one thread. The queue is bounded
/// (<see cref="Capacity"/> items); when it is full the newest item is dropped and counted in
/// <see cref="ProxyStatistics.RecordsDropped"/>, so a slow sink never stalls the relay.
/// </summary>
internal sealed class ProxyRecorder
{
    public const int Capacity = 100_000;

    /// <summary>How long the pump waits after waking for more items to arrive, so they are delivered as a batch.</summary>
    public static readonly TimeSpan BatchDelay = TimeSpan.FromMilliseconds(2);

    private readonly ProxySinks _sinks;
    private readonly ProxyStatistics _statistics;
    private readonly Channel<Action> _queue = Channel.CreateBounded<Action>(new BoundedChannelOptions(Capacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });
    private readonly Task _pump;

    public ProxyRecorder(ProxySinks sinks, ProxyStatistics statistics)
    {
        _sinks = sinks;
        _statistics = statistics;
        _pump = Task.Factory.StartNew(Pump, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DeviceRecord> _devices = new(StringComparer.Ordinal);

    /// <summary>Every client seen (by IP; the MAC is unknown behind a proxy and left empty).</summary>
    public IReadOnlyList<DeviceRecord> Devices => _devices.Values.OrderBy(d => d.Ips[0], StringComparer.Ordinal).ToArray();

    public void Conn(ConnRecord record)
    {
        var end = record.Ts.AddSeconds(record.Duration);
        _devices.AddOrUpdate(
            record.OrigH,
            _ => new DeviceRecord { Mac = "", Id = record.Device, Ips = [record.OrigH], FirstSeen = record.Ts, LastSeen = end, Flows = 1, Destinations = record.ServerName is { } name ? [name] : [] },
            (_, d) => d with
            {
                FirstSeen = record.Ts < d.FirstSeen ? record.Ts : d.FirstSeen,
                LastSeen = end > d.LastSeen ? end : d.LastSeen,
                Flows = d.Flows + 1,
                Destinations = record.ServerName is { } name && !d.Destinations.Contains(name) ? [.. d.Destinations, name] : d.Destinations,
            });
        PostConn(record);
    }

    private void PostConn(ConnRecord record) => Post(() =>
    {
        _sinks.Records?.OnConn(record);
        _sinks.Analysis?.OnFlowEnded(record);
    });

    public void Tls(TlsRecord record) => Post(() => _sinks.Records?.OnTls(record));

    public void Http(HttpRecord record) => Post(() => _sinks.Records?.OnHttp(record));

    public void Mqtt(MqttRecord record) => Post(() => _sinks.Records?.OnMqtt(record));

    /// <summary>True when a sink takes <see cref="ProxiedExchange"/>s (they are built only then).</summary>
    public bool WantsExchanges => _sinks.Exchanges is not null;

    public ProxyStatistics Statistics => _statistics;

    public void Exchange(ProxiedExchange exchange) => Post(() => _sinks.Exchanges?.Invoke(exchange));

    public void Payload(Payload payload) => Post(() => _sinks.Analysis?.OnPayload(payload));

    public void Interception(TlsInterceptionRecord record) => Post(() => _sinks.Interceptions?.Invoke(record));

    public void Log(string message) => Post(() => _sinks.Log?.Invoke(message));

    /// <summary>Stops accepting items and waits until every queued item was delivered.</summary>
    public Task CompleteAsync()
    {
        _queue.Writer.TryComplete();
        return _pump;
    }

    private void Post(Action item)
    {
        if (!_queue.Writer.TryWrite(item))
        {
            Interlocked.Increment(ref _statistics.RecordsDroppedCount);
        }
    }

    private void Pump()
    {
        // Woken by the first item after a quiet spell, the pump lets a batch gather for BatchDelay before draining:
        // the relay then signals this thread about once per batch instead of once per record.
        var reader = _queue.Reader;
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            Thread.Sleep(BatchDelay);
            while (reader.TryRead(out var item))
            {
                try
                {
                    item();
                }
                catch (Exception ex) when (ex is IOException or InvalidOperationException or ArgumentException)
                {
                    Console.Error.WriteLine("devicewatch proxy: recording failed: " + ex.Message);
                }
            }
        }
    }
}
