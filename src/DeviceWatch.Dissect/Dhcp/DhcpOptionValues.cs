namespace DeviceWatch.Dissect.Dhcp;

/// <summary>
/// The values of the DHCP options the parser interprets. A code that appears more than once has its values
/// concatenated in order (RFC 3396 §7 long options).
/// </summary>
internal sealed class DhcpOptionValues
{
    private readonly Dictionary<byte, byte[]> _values = [];
    private readonly List<byte> _codes = [];

    /// <summary>Every option code seen, in order.</summary>
    public IReadOnlyList<byte> Codes => _codes;

    /// <summary>Whether <paramref name="code"/> is one the parser keeps.</summary>
    public static bool IsKept(byte code) => code is 12 or 50 or 52 or 53 or 54 or 55 or 60 or 61;

    /// <summary>Records one option occurrence.</summary>
    public void Add(byte code, ReadOnlySpan<byte> value)
    {
        _codes.Add(code);
        if (!IsKept(code))
        {
            return;
        }

        _values[code] = _values.TryGetValue(code, out var existing) ? [.. existing, .. value] : value.ToArray();
    }

    /// <summary>The (concatenated) value of <paramref name="code"/>, or null when absent.</summary>
    public byte[]? Get(byte code) => _values.GetValueOrDefault(code);
}
