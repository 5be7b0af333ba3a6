using System.Collections.Concurrent;
using DeviceWatch.Proxy.Listening;
using DeviceWatch.Proxy.Recording;

namespace DeviceWatch.Proxy.Tests;

public sealed class ProxyRecorderTests
{
    [Fact]
    public async Task Log_AfterThePumpWentIdle_DeliveredWithoutCompleting()
    {
        var log = new ConcurrentQueue<string>();
        var recorder = new ProxyRecorder(new ProxySinks { Log = log.Enqueue }, new ProxyStatistics());
        recorder.Log("first");
        await Until(() => log.Count == 1);
        await Task.Delay(ProxyRecorder.BatchDelay * 20); // the pump finds nothing more and waits for a wake-up
        recorder.Log("second");
        await Until(() => log.Count == 2);
        Assert.Equal(["first", "second"], log);
        await recorder.CompleteAsync();
    }

    [Fact]
    public async Task CompleteAsync_ManyPostersAtOnce_EveryItemDeliveredInEachPostersOrder()
    {
        const int Posters = 4;
        const int PerPoster = 5_000;
        var log = new List<string>();
        var statistics = new ProxyStatistics();
        var recorder = new ProxyRecorder(new ProxySinks { Log = log.Add }, statistics);
        var posters = Enumerable.Range(0, Posters).Select(p => Task.Run(async () =>
        {
            for (var i = 0; i < PerPoster; i++)
            {
                recorder.Log($"{p}:{i}");
                if (i % 1000 == 0)
                {
                    await Task.Delay(3); // let the pump go idle now and then
                }
            }
        })).ToArray();
        await Task.WhenAll(posters);
        await recorder.CompleteAsync();

        Assert.Equal(0, statistics.RecordsDropped);
        Assert.Equal(Posters * PerPoster, log.Count);
        for (var p = 0; p < Posters; p++)
        {
            var prefix = p + ":";
            Assert.Equal(Enumerable.Range(0, PerPoster).Select(i => prefix + i), log.Where(l => l.StartsWith(prefix, StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task Log_QueueFullWhileTheSinkIsStuck_NewestDroppedAndCounted()
    {
        using var gate = new ManualResetEventSlim(false);
        var delivered = 0;
        var statistics = new ProxyStatistics();
        var recorder = new ProxyRecorder(new ProxySinks { Log = _ => { gate.Wait(); delivered++; } }, statistics);
        const int Extra = 100;
        for (var i = 0; i < ProxyRecorder.Capacity + Extra; i++)
        {
            recorder.Log("x");
        }

        // The pump holds at most one item in the stuck sink; everything past the queue's capacity is dropped.
        Assert.InRange(statistics.RecordsDropped, Extra - 1, Extra);
        gate.Set();
        await recorder.CompleteAsync();
        Assert.Equal(ProxyRecorder.Capacity + Extra, delivered + statistics.RecordsDropped);
    }

    [Fact]
    public async Task Log_AfterCompleteAsync_DroppedAndCounted()
    {
        var log = new ConcurrentQueue<string>();
        var statistics = new ProxyStatistics();
        var recorder = new ProxyRecorder(new ProxySinks { Log = log.Enqueue }, statistics);
        recorder.Log("kept");
        await recorder.CompleteAsync();
        recorder.Log("late");
        Assert.Equal(["kept"], log);
        Assert.Equal(1, statistics.RecordsDropped);
    }

    [Fact]
    public void InlineSocketCompletions_ProxyServerTypeUsed_VariableSetForTheRuntime()
    {
        System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(ProxyServer).TypeHandle);
        // "1" unless the user chose a value before the process started (then that value is kept).
        Assert.False(string.IsNullOrEmpty(Environment.GetEnvironmentVariable(InlineSocketCompletions.Variable)));
    }

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(5);
        }
    }
}
