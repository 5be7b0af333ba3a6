using PacketDotNet;

namespace DeviceWatch.Capture.Reading;

/// <summary>
/// One pcapng Interface Description Block: link type, snap length and the timestamp scale from
/// <c>if_tsresol</c> (option 9) and <c>if_tsoffset</c> (option 14).
/// </summary>
/// <param name="LinkType">Link type of every packet captured on the interface.</param>
/// <param name="SnapLength">Maximum captured length; 0 means no limit.</param>
/// <param name="Resolution">Raw <c>if_tsresol</c> byte: MSB clear = 10^-n seconds, MSB set = 2^-n seconds.</param>
/// <param name="OffsetSeconds">Raw <c>if_tsoffset</c>: seconds added to every timestamp.</param>
internal readonly record struct PcapNgInterface(LinkLayers LinkType, uint SnapLength, byte Resolution, long OffsetSeconds)
{
    /// <summary>The default <c>if_tsresol</c>: microseconds.</summary>
    public const byte MicrosecondResolution = 6;

    private const long TicksPerSecond = TimeSpan.TicksPerSecond;

    private static readonly ulong[] DecimalPowers =
    [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000, 10_000_000_000,
        100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000, 1_000_000_000_000_000,
        10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000, 10_000_000_000_000_000_000,
    ];

    /// <summary>True when <see cref="Resolution"/> can be converted: 10^-0..10^-19 or 2^-0..2^-63 seconds.</summary>
    public bool HasSupportedResolution => (Resolution & 0x80) == 0 ? Resolution <= 19 : (Resolution & 0x7F) <= 63;

    /// <summary>
    /// Converts a raw 64-bit timestamp (in units of <see cref="Resolution"/>, since 1970 minus
    /// <see cref="OffsetSeconds"/>) to UTC, truncated to 100 ns. False when the time is outside DateTime's range.
    /// </summary>
    public bool TryConvert(ulong raw, out DateTime utc)
    {
        UInt128 ticks;
        var exponent = Resolution & 0x7F;
        if ((Resolution & 0x80) != 0)
        {
            // 2^-n seconds: raw * 10^7 / 2^n, exact in 128 bits (raw < 2^64, 10^7 < 2^24).
            ticks = ((UInt128)raw * TicksPerSecond) >> exponent;
        }
        else if (exponent <= 7)
        {
            ticks = (UInt128)raw * (ulong)DecimalPower(7 - exponent);
        }
        else
        {
            ticks = raw / DecimalPower(exponent - 7);
        }

        var total = (Int128)ticks + (Int128)OffsetSeconds * TicksPerSecond + DateTime.UnixEpoch.Ticks;
        if (total < 0 || total > DateTime.MaxValue.Ticks)
        {
            utc = default;
            return false;
        }

        utc = new DateTime((long)total, DateTimeKind.Utc);
        return true;
    }

    private static ulong DecimalPower(int exponent) => DecimalPowers[exponent];
}
