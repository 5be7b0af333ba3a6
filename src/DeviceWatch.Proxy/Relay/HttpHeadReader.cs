using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace DeviceWatch.Proxy.Relay;

/// <summary>Reads one HTTP head from a pipe, consuming exactly its bytes (or nothing, when peeking).</summary>
internal static class HttpHeadReader
{
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<(HttpHeadStatus Status, HttpHead? Head)> ReadAsync(
        PipeReader reader, bool isRequest, int maxBytes, bool consume, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var status = HttpHeadParser.TryParse(buffer, isRequest, maxBytes, out var head, out var length);
            switch (status)
            {
                case HttpHeadStatus.Complete:
                    if (consume)
                    {
                        reader.AdvanceTo(buffer.GetPosition(length));
                    }
                    else
                    {
                        reader.AdvanceTo(buffer.Start); // peeked: the next read sees the same bytes at once
                    }

                    return (status, head);
                case HttpHeadStatus.NeedMore when !result.IsCompleted && !result.IsCanceled:
                    reader.AdvanceTo(buffer.Start, buffer.End);
                    continue;
                case HttpHeadStatus.NeedMore:
                    var empty = buffer.IsEmpty;
                    reader.AdvanceTo(buffer.Start);
                    return (empty ? HttpHeadStatus.EndOfStream : HttpHeadStatus.Malformed, null);
                default:
                    reader.AdvanceTo(buffer.Start);
                    return (status, null);
            }
        }
    }
}
