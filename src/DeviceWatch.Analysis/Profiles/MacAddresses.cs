namespace DeviceWatch.Analysis.Profiles;

/// <summary>MAC address normalisation (lower case, colons).</summary>
public static class MacAddresses
{
    /// <summary>Normalises <c>AA:BB:..</c>, <c>aa-bb-..</c> or <c>aabb.ccdd.eeff</c> to <c>aa:bb:cc:dd:ee:ff</c>.</summary>
    public static bool TryNormalize(string? text, out string mac)
    {
        mac = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        Span<char> hex = stackalloc char[12];
        var n = 0;
        foreach (var c in text.Trim())
        {
            if (c is ':' or '-' or '.')
            {
                continue;
            }

            if (!char.IsAsciiHexDigit(c) || n == 12)
            {
                return false;
            }

            hex[n++] = char.ToLowerInvariant(c);
        }

        if (n != 12)
        {
            return false;
        }

        var parts = new string[6];
        for (var i = 0; i < 6; i++)
        {
            parts[i] = new string(hex.Slice(i * 2, 2));
        }

        mac = string.Join(':', parts);
        return true;
    }

    /// <summary>True when <paramref name="text"/> looks like a MAC address.</summary>
    public static bool IsMac(string? text) => TryNormalize(text, out _) && text!.Contains(':', StringComparison.Ordinal);
}
