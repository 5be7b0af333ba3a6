using System.Diagnostics;

namespace DeviceWatch.Analysis.Decoding;

/// <summary>Tracks the work spent on one payload against its <see cref="DecoderLimits"/>.</summary>
internal sealed class DecodeBudget
{
    private readonly long _budgetTicks;
    private long _deadline;
    private int _checks;
    private bool _timedOut;

    public DecodeBudget(DecoderLimits limits)
    {
        Limits = limits;
        _budgetTicks = (long)(limits.TimeBudget.TotalSeconds * Stopwatch.Frequency);
    }

    /// <summary>
    /// Starts over for the next payload: nothing spent, the time budget counted from the first clock check (after a
    /// few dozen nodes, so a small payload never reads the clock).
    /// </summary>
    public void Reset()
    {
        _deadline = 0;
        _checks = 0;
        _timedOut = false;
        DecodedBytes = 0;
        Exhausted = false;
    }

    /// <summary>The limits in force.</summary>
    public DecoderLimits Limits { get; }

    /// <summary>Bytes produced by decompression and text decoding so far.</summary>
    public long DecodedBytes { get; private set; }

    /// <summary>Set when any limit stopped decoding.</summary>
    public bool Exhausted { get; private set; }

    /// <summary>Set when the time budget stopped decoding.</summary>
    public bool TimedOut => _timedOut;

    /// <summary>Bytes that may still be produced.</summary>
    public long RemainingBytes => Math.Max(0, Limits.MaxDecodedBytes - DecodedBytes);

    /// <summary>Reserves <paramref name="count"/> decoded bytes; false (and exhausted) when over the limit.</summary>
    public bool TryReserve(long count)
    {
        if (count > RemainingBytes)
        {
            Exhausted = true;
            return false;
        }

        DecodedBytes += count;
        return true;
    }

    /// <summary>False once the time budget has run out (checked cheaply every few calls).</summary>
    public bool HasTime()
    {
        if (_timedOut)
        {
            return false;
        }

        if ((++_checks & 31) != 0)
        {
            return true;
        }

        var now = Stopwatch.GetTimestamp();
        if (_deadline == 0)
        {
            _deadline = now + _budgetTicks;
        }

        if (now > _deadline)
        {
            _timedOut = true;
            Exhausted = true;
            return false;
        }

        return true;
    }

    /// <summary>Checks the clock now.</summary>
    public bool HasTimeNow()
    {
        _checks = 31;
        return HasTime();
    }

    /// <summary>Marks the budget exhausted (a node or depth limit was hit).</summary>
    public void MarkExhausted() => Exhausted = true;
}
