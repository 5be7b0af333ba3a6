namespace DeviceWatch.Capture.Decoding;

/// <summary>A 48-bit MAC address packed in a ulong.</summary>
internal readonly record struct MacAddress(ulong Value)
{
    public static MacAddress Read(ReadOnlySpan<byte> six) =>
        new(((ulong)six[0] << 40) | ((ulong)six[1] << 32) | ((ulong)six[2] << 24) | ((ulong)six[3] << 16) | ((ulong)six[4] << 8) | six[5]);

    /// <summary>Group (multicast/broadcast) bit set, or all zero.</summary>
    public bool IsGroupOrZero => Value == 0 || ((Value >> 40) & 1) == 1;

    public override string ToString() => string.Create(17, Value, static (span, v) =>
    {
        const string hex = "0123456789abcdef";
        for (var i = 0; i < 6; i++)
        {
            var b = (byte)(v >> (40 - 8 * i));
            span[i * 3] = hex[b >> 4];
            span[i * 3 + 1] = hex[b & 0xF];
            if (i < 5)
            {
                span[i * 3 + 2] = ':';
            }
        }
    });
}
