using System.Buffers;

namespace DeviceWatch.Analysis.Decoding;

/// <summary>
/// The bytes a decompressor gives, chunk by chunk, under the payload's <see cref="DecodeBudget"/>: each chunk is asked
/// for no larger than the budget still allows (plus one byte, to tell a stream that ends there from one cut there),
/// and the budget is a hard ceiling. The buffer is made at the first bytes: guesses that fail at once allocate nothing.
/// </summary>
internal sealed class InflatedOutput(DecodeBudget budget, int chunk)
{
    private readonly long _remainingAtStart = budget.RemainingBytes;
    private ArrayBufferWriter<byte>? _output;

    /// <summary>True when the stream was not read to its end (time, budget or bad input after some bytes).</summary>
    public bool Cut { get; set; }

    /// <summary>Bytes kept so far.</summary>
    public int Count => _output?.WrittenCount ?? 0;

    /// <summary>How many bytes to ask the decompressor for next; 0 when the time or byte budget is spent (then cut).</summary>
    public int NextRequest()
    {
        if (!budget.HasTimeNow())
        {
            Cut = true;
            return 0;
        }

        var want = (int)Math.Min(chunk, budget.RemainingBytes + 1);
        if (want <= 0)
        {
            Cut = true;
            budget.MarkExhausted();
            return 0;
        }

        return want;
    }

    /// <summary>Keeps <paramref name="bytes"/>; false (keeping what still fits, cut) when they go over the budget.</summary>
    public bool Append(ReadOnlySpan<byte> bytes)
    {
        if (!budget.TryReserve(bytes.Length))
        {
            var fit = (int)budget.RemainingBytes;
            budget.TryReserve(fit);
            _output ??= new ArrayBufferWriter<byte>(Math.Max(1, fit));
            _output.Write(bytes[..fit]);
            Cut = true;
            return false;
        }

        _output ??= new ArrayBufferWriter<byte>(Math.Min(chunk, (int)Math.Min(_remainingAtStart, int.MaxValue)));
        _output.Write(bytes);
        return true;
    }

    /// <summary>The bytes kept.</summary>
    public byte[] ToArray() => _output is null ? [] : _output.WrittenSpan.ToArray();
}
