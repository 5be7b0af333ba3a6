using DeviceWatch.Dissect.Common;

namespace DeviceWatch.EndToEnd.Tests.Pipeline;

/// <summary>A dissector with a bug: delegates to the real one, then throws on its Nth data call or at the end.</summary>
internal sealed class ThrowingDissector(IStreamDissector inner, int throwOnDataCall, bool throwAtEnd) : IStreamDissector
{
    public const string Message = "test dissector failure";

    private int _dataCalls;

    public string Protocol => inner.Protocol;

    public bool WantsMoreData => inner.WantsMoreData;

    public void OnData(FlowDirection direction, ReadOnlySpan<byte> data, DateTime timestamp, IFactSink sink)
    {
        if (++_dataCalls == throwOnDataCall)
        {
            throw new InvalidOperationException(Message);
        }

        inner.OnData(direction, data, timestamp, sink);
    }

    public void OnGap(FlowDirection direction, long missingBytes, DateTime timestamp, IFactSink sink) =>
        inner.OnGap(direction, missingBytes, timestamp, sink);

    public void OnEnd(DateTime timestamp, IFactSink sink)
    {
        inner.OnEnd(timestamp, sink);
        if (throwAtEnd)
        {
            throw new InvalidOperationException(Message);
        }
    }
}
