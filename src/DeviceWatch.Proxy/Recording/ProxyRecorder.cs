using System.Collections.Concurrent;
using DeviceWatch.Core.Analysis;
using DeviceWatch.Core.Records;

namespace DeviceWatch.Proxy.Recording;

/// <summary>
/// Delivers everything the connections record to the sinks from one thread. The queue is bounded
/// (<see cref="Capacity"/> items); when it is full the newest item is dropped and counted in
/// <see cref="ProxyStatistics.RecordsDropped"/>, so a slow sink never stalls the relay.
/// The pump thread is woken directly (an event, no thread-pool hop) only when it went idle; while records keep
/// coming it drains the queue every <see cref="BatchDelay"/>, so the relay pays no wake-up per record.
/// </summary>
internal sealed class ProxyRecorder
{
    public const int Capacity = 100_000;

    /// <summary>How long the pump waits after waking for more items to arrive, so they are delivered as a batch.</summary>
    public static readonly TimeSpan BatchDelay = TimeSpan.FromMilliseconds(2);

    private readonly ProxySinks _sinks;
    private readonly ProxyStatistics _statistics;
    private readonly ConcurrentQueue<Action> _queue = new();
    private readonly AutoResetEvent _wake = new(false);
    private readonly Task _pump;
    private int _count;
    private int _pumpIdle;
    private int _completed;
    private int _posting;

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
        Interlocked.Exchange(ref _completed, 1); // a full fence: see Post and Pump
        _wake.Set();
        return _pump;
    }

    private void Post(Action item)
    {
        // Posts in progress are counted so that completion waits for them: an item is either delivered or counted
        // as dropped, never lost between a post and the end of the pump.
        Interlocked.Increment(ref _posting);
        try
        {
            if (Volatile.Read(ref _completed) == 1 || Interlocked.Increment(ref _count) > Capacity)
            {
                if (Volatile.Read(ref _completed) == 0)
                {
                    Interlocked.Decrement(ref _count);
                }

                Interlocked.Increment(ref _statistics.RecordsDroppedCount);
                return;
            }

            _queue.Enqueue(item);
            if (Volatile.Read(ref _pumpIdle) == 1 && Interlocked.Exchange(ref _pumpIdle, 0) == 1)
            {
                _wake.Set();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _posting);
        }
    }

    private void Pump()
    {
        // 1. Drain. 2. Something came: let the next batch gather for BatchDelay and drain again. 3. Nothing came: mark
        // idle, look once more (a Post may have missed the mark), and sleep until a Post wakes it.
        while (true)
        {
            if (Drain() > 0)
            {
                Thread.Sleep(BatchDelay);
                continue;
            }

            if (Volatile.Read(ref _completed) == 1)
            {
                // A post that saw the recorder open may still be enqueuing: wait for it, then deliver what is left.
                var spin = new SpinWait();
                while (Volatile.Read(ref _posting) != 0)
                {
                    spin.SpinOnce();
                }

                if (Drain() == 0)
                {
                    return;
                }

                continue;
            }

            Interlocked.Exchange(ref _pumpIdle, 1); // a full fence: the Post that enqueues next sees the mark
            if (!_queue.IsEmpty || Volatile.Read(ref _completed) == 1)
            {
                Volatile.Write(ref _pumpIdle, 0);
                continue;
            }

            _wake.WaitOne();
            Thread.Sleep(BatchDelay);
        }
    }

    private int Drain()
    {
        var delivered = 0;
        while (_queue.TryDequeue(out var item))
        {
            Interlocked.Decrement(ref _count);
            delivered++;
            try
            {
                item();
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or ArgumentException)
            {
                Console.Error.WriteLine("devicewatch proxy: recording failed: " + ex.Message);
            }
        }

        return delivered;
    }
}
