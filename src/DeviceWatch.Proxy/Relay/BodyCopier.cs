using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using DeviceWatch.Dissect.Common;
using DeviceWatch.Proxy.Recording;

namespace DeviceWatch.Proxy.Relay;

/// <summary>
/// Streams one message body from a pipe to a stream without buffering it: Content-Length, chunked (RFC 9112 §7.1,
/// chunk lines parsed so the end is found, bytes relayed as received) or until the sender closes. Every relayed
/// byte is shown to the flow's recorder. Bytes already received are relayed without waiting; before waiting for
/// more, what was written is flushed (the destination may gather writes, see <see cref="CoalescingWriteStream"/>).
/// </summary>
internal static class BodyCopier
{
    private const int MaxChunkLine = 4096;

    public static async Task CopyFixedAsync(PipeReader from, Stream to, long length, ProxyFlow flow, FlowDirection direction, CancellationToken ct)
    {
        while (length > 0)
        {
            var result = await ReadAsync(from, to, ct).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (buffer.IsEmpty && result.IsCompleted)
            {
                throw new IOException("the stream ended inside a body");
            }

            var take = buffer.Slice(0, Math.Min(length, buffer.Length));
            await WriteAsync(take, to, flow, direction, ct).ConfigureAwait(false);
            length -= take.Length;
            from.AdvanceTo(take.End);
        }
    }

    public static async Task CopyUntilCloseAsync(PipeReader from, Stream to, ProxyFlow flow, FlowDirection direction, CancellationToken ct)
    {
        while (true)
        {
            var result = await ReadAsync(from, to, ct).ConfigureAwait(false);
            var buffer = result.Buffer;
            await WriteAsync(buffer, to, flow, direction, ct).ConfigureAwait(false);
            from.AdvanceTo(buffer.End);
            if (result.IsCompleted || result.IsCanceled)
            {
                return;
            }
        }
    }

    public static async Task CopyChunkedAsync(PipeReader from, Stream to, ProxyFlow flow, FlowDirection direction, CancellationToken ct)
    {
        // 1. chunk-size line → 2. chunk data and its CRLF → back to 1; size 0 → 3. trailer lines up to an empty line.
        long dataRemaining = 0;
        var inTrailers = false;
        var lineIncomplete = false;
        while (true)
        {
            if (dataRemaining > 0)
            {
                await CopyFixedAsync(from, to, dataRemaining, flow, direction, ct).ConfigureAwait(false);
                dataRemaining = 0;
            }

            // After an incomplete line everything buffered was examined: only a real read brings more.
            var result = lineIncomplete ? await FlushThenReadAsync(from, to, ct).ConfigureAwait(false) : await ReadAsync(from, to, ct).ConfigureAwait(false);
            lineIncomplete = false;
            var buffer = result.Buffer;
            var newline = buffer.PositionOf((byte)'\n');
            if (newline is null)
            {
                if (buffer.Length > MaxChunkLine || result.IsCompleted)
                {
                    throw new IOException("bad chunked framing (chunk line too long, or stream ended)");
                }

                from.AdvanceTo(buffer.Start, buffer.End);
                lineIncomplete = true;
                continue;
            }

            var line = buffer.Slice(0, buffer.GetPosition(1, newline.Value));
            var (emptyLine, sizeParsed, size) = Inspect(line);
            await WriteAsync(line, to, flow, direction, ct).ConfigureAwait(false);
            from.AdvanceTo(line.End);
            if (inTrailers)
            {
                if (emptyLine)
                {
                    return;
                }

                continue;
            }

            if (!sizeParsed)
            {
                throw new IOException("bad chunk size line");
            }

            if (size == 0)
            {
                inTrailers = true;
                continue;
            }

            dataRemaining = size + 2; // the data and its CRLF
        }
    }

    /// <summary>Bytes already buffered at once; otherwise flushes <paramref name="to"/> and waits for more.</summary>
    private static ValueTask<ReadResult> ReadAsync(PipeReader from, Stream to, CancellationToken ct) =>
        from.TryRead(out var result) ? new(result) : FlushThenReadAsync(from, to, ct);

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<ReadResult> FlushThenReadAsync(PipeReader from, Stream to, CancellationToken ct)
    {
        await to.FlushAsync(ct).ConfigureAwait(false);
        return await from.ReadAsync(ct).ConfigureAwait(false);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public static async ValueTask WriteAsync(ReadOnlySequence<byte> data, Stream to, ProxyFlow flow, FlowDirection direction, CancellationToken ct)
    {
        foreach (var segment in data)
        {
            flow.Observe(direction, segment.Span);
            await to.WriteAsync(segment, ct).ConfigureAwait(false);
        }
    }

    /// <summary>A chunk or trailer line (at most <see cref="MaxChunkLine"/> bytes): empty, and its chunk size.</summary>
    private static (bool Empty, bool SizeParsed, long Size) Inspect(ReadOnlySequence<byte> line)
    {
        Span<byte> copy = stackalloc byte[MaxChunkLine];
        var length = (int)Math.Min(line.Length, MaxChunkLine);
        line.Slice(0, length).CopyTo(copy);
        var content = copy[..length].TrimEnd("\r\n"u8);
        var parsed = TryChunkSize(content, out var size);
        return (content.IsEmpty, parsed, size);
    }

    private static bool TryChunkSize(ReadOnlySpan<byte> line, out long size)
    {
        var end = line.IndexOfAny(";\t "u8);
        var hex = end < 0 ? line : line[..end];
        return long.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out size) && hex.Length is > 0 and <= 15 && size >= 0;
    }
}
