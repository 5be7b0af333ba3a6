using System.Collections.Concurrent;
using DeviceWatch.Proxy.Recording;

namespace DeviceWatch.Proxy.Listening;

/// <summary>Once a second, cancels every connection with no byte in either direction for longer than the idle limit.</summary>
internal sealed class IdleSweeper : IDisposable
{
    private readonly ConcurrentDictionary<ProxyFlow, CancellationTokenSource> _flows = new();
    private readonly long _idleMilliseconds;
    private readonly Timer _timer;

    public IdleSweeper(TimeSpan idle)
    {
        _idleMilliseconds = (long)idle.TotalMilliseconds;
        var period = TimeSpan.FromMilliseconds(Math.Clamp(idle.TotalMilliseconds / 4, 50, 1000));
        _timer = new Timer(_ => Sweep(), null, period, period);
    }

    public void Add(ProxyFlow flow, CancellationTokenSource cancel) => _flows[flow] = cancel;

    public void Remove(ProxyFlow flow) => _flows.TryRemove(flow, out _);

    private void Sweep()
    {
        var now = Environment.TickCount64;
        foreach (var (flow, cancel) in _flows)
        {
            if (now - flow.LastActivity > _idleMilliseconds)
            {
                flow.State = "OTH";
                try
                {
                    cancel.Cancel();
                }
                catch (ObjectDisposedException)
                {
                    // Finished meanwhile.
                }
            }
        }
    }

    public void Dispose() => _timer.Dispose();
}
