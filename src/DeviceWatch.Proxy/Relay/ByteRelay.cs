using System.Buffers;
using System.IO.Pipelines;
using System.Net.Security;
using System.Net.Sockets;
using DeviceWatch.Dissect.Common;
using DeviceWatch.Proxy.Recording;

namespace DeviceWatch.Proxy.Relay;

/// <summary>
/// Pipes bytes both ways between the client and the upstream until both sides finished, showing every byte to the
/// flow. When one side ends its stream the other side's sending half is shut (TCP FIN or TLS close_notify).
/// </summary>
internal static class ByteRelay
{
    private const int BufferSize = 16 * 1024;

    public static Task RunAsync(Stream client, Stream upstream, ProxyFlow flow, CancellationToken ct) =>
        RunAsync(client, null, upstream, null, flow, ct);

    /// <summary>Like <see cref="RunAsync(Stream, Stream, ProxyFlow, CancellationToken)"/>, first draining bytes already buffered in pipes.</summary>
    public static async Task RunAsync(Stream client, PipeReader? clientBuffered, Stream upstream, PipeReader? upstreamBuffered, ProxyFlow flow, CancellationToken ct)
    {
        var up = PumpAsync(client, clientBuffered, upstream, flow, FlowDirection.FromOriginator, ct);
        var down = PumpAsync(upstream, upstreamBuffered, client, flow, FlowDirection.FromResponder, ct);
        await Task.WhenAll(up, down).ConfigureAwait(false);
    }

    private static async Task PumpAsync(Stream from, PipeReader? buffered, Stream to, ProxyFlow flow, FlowDirection direction, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            if (buffered is not null && buffered.TryRead(out var pending))
            {
                await BodyCopier.WriteAsync(pending.Buffer, to, flow, direction, ct).ConfigureAwait(false);
                buffered.AdvanceTo(pending.Buffer.End);
            }

            while (true)
            {
                var n = await from.ReadAsync(buffer.AsMemory(), ct).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                flow.Observe(direction, buffer.AsSpan(0, n));
                await to.WriteAsync(buffer.AsMemory(0, n), ct).ConfigureAwait(false);
            }

            await ShutdownSendAsync(to).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // One side failed: tear both down (the caller disposes the streams).
            await ShutdownSendAsync(to).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Ends the sending half of <paramref name="stream"/> (FIN, or close_notify for TLS).</summary>
    public static async Task ShutdownSendAsync(Stream stream)
    {
        try
        {
            switch (stream)
            {
                case SslStream ssl:
                    await ssl.ShutdownAsync().ConfigureAwait(false);
                    break;
                case PrefixedStream prefixed:
                    await ShutdownSendAsync(prefixed.Inner).ConfigureAwait(false);
                    break;
                case NetworkStream network:
                    network.Socket.Shutdown(SocketShutdown.Send);
                    break;
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or InvalidOperationException or NotSupportedException)
        {
            // Already closed.
        }
    }
}
