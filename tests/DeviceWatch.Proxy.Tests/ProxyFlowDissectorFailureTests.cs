using System.Text;
using DeviceWatch.Dissect.Common;
using DeviceWatch.Dissect.Http;
using DeviceWatch.Proxy.Recording;
using DeviceWatch.Proxy.Tests.Peers;

namespace DeviceWatch.Proxy.Tests;

/// <summary>A dissector that throws on relayed bytes never breaks the relay: the flow is no longer dissected, counted, logged once.</summary>
public sealed class ProxyFlowDissectorFailureTests
{
    [Fact]
    public async Task Observe_DissectorThrows_NoExceptionCountedLoggedOnceAndTheConnectionStillRecorded()
    {
        var sinks = new CollectingSinks();
        var statistics = new ProxyStatistics();
        var recorder = new ProxyRecorder(sinks.ToSinks(), statistics);
        var request = Encoding.ASCII.GetBytes("POST /up HTTP/1.1\r\nHost: cloud.example\r\nContent-Length: 2\r\n\r\n{}");

        var flows = Enumerable.Range(0, 2).Select(_ => new ProxyFlow(recorder, "127.0.0.1", 40000, "dev") { DestinationHost = "cloud.example", DestinationPort = 80 }).ToList();
        foreach (var flow in flows)
        {
            var dissector = new FailingDissector(new HttpStreamDissector(DissectorLimits.Default));
            flow.Dissect(dissector);
            flow.Observe(FlowDirection.FromOriginator, request); // throws inside: contained
            flow.Observe(FlowDirection.FromOriginator, request); // no longer dissected
            flow.End();
            Assert.Equal(1, dissector.Calls);
        }

        await recorder.CompleteAsync();
        Assert.Equal(2, statistics.DissectorFailures);
        Assert.Single(sinks.Log, l => l.Contains("http dissector failed on connection", StringComparison.Ordinal) && l.Contains(FailingDissector.Message, StringComparison.Ordinal));
        Assert.Empty(sinks.Http);
        Assert.Equal(2, sinks.Conns.Count);
        Assert.All(sinks.Conns, c => Assert.Equal(2L * request.Length, c.OrigBytes));
    }

    private sealed class FailingDissector(IStreamDissector inner) : IStreamDissector
    {
        public const string Message = "test dissector failure";

        public int Calls { get; private set; }

        public string Protocol => inner.Protocol;

        public bool WantsMoreData => inner.WantsMoreData;

        public void OnData(FlowDirection direction, ReadOnlySpan<byte> data, DateTime timestamp, IFactSink sink)
        {
            Calls++;
            throw new InvalidOperationException(Message);
        }

        public void OnGap(FlowDirection direction, long missingBytes, DateTime timestamp, IFactSink sink) =>
            inner.OnGap(direction, missingBytes, timestamp, sink);

        public void OnEnd(DateTime timestamp, IFactSink sink) => throw new InvalidOperationException(Message);
    }
}
