using System.Collections.Concurrent;

namespace DeviceWatch.Proxy.Listening;

/// <summary>
/// Counts failed interceptions per device and host; from <see cref="ProxyOptions.PinningFailureThreshold"/> failures
/// on, that host is passed through (not intercepted) for that device.
/// </summary>
internal sealed class PinningTracker(int threshold)
{
    private readonly ConcurrentDictionary<(string Device, string Host), int> _failures = new();

    public bool ShouldPassThrough(string device, string host) =>
        threshold > 0 && _failures.TryGetValue((device, host.ToLowerInvariant()), out var count) && count >= threshold;

    public int Fail(string device, string host) => _failures.AddOrUpdate((device, host.ToLowerInvariant()), 1, (_, n) => n + 1);
}
