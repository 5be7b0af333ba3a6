using DeviceWatch.Analysis.Decoding;
using DeviceWatch.Core.Analysis;

namespace DeviceWatch.Analysis.Detection;

/// <summary>
/// Finds hardware and advertising identifiers: MAC (valid unicast, non-zero; with separators anywhere, bare by key),
/// IMEI (15 digits, Luhn, plausible reporting-body prefix of the TAC), IMSI (15 digits, assigned MCC, by key),
/// ICCID (19–20 digits starting 89, Luhn), serial numbers (by key, non-trivial), Android ID (16 hex by key) and
/// OAID (UUID or 16/64 hex by key; all-zero ignored).
/// </summary>
internal sealed class DeviceIdentifierDetector : IDetector
{
    private static readonly HashSet<string> MacKeys =
    [
        "mac", "macaddr", "macaddress", "wifimac", "wlanmac", "btmac", "bluetoothmac", "blemac", "ethmac", "devicemac",
        "devmac", "localmac", "stamac", "clientmac", "mymac", "hwaddr", "hwaddress", "wirelessmac",
    ];

    private static readonly HashSet<string> SerialKeys =
    [
        "sn", "serial", "serialno", "serialnumber", "serialnum", "devicesn", "devsn", "deviceserial", "deviceserialnumber",
        "productsn", "hwsn", "sncode", "snno", "xuliehao", "序列号", "boardsn", "machinesn", "psn",
    ];

    private static readonly HashSet<string> SerialPlaceholders = new(StringComparer.OrdinalIgnoreCase)
    {
        "unknown", "null", "none", "default", "n/a", "na", "0123456789abcdef", "0123456789", "123456789", "12345678",
        "1234567890", "test", "serial", "undefined", "empty", "abcdef",
    };

    private static readonly HashSet<string> ImeiReportingBodies = ["01", "10", "30", "33", "35", "44", "45", "49", "50", "51", "52", "53", "54", "86", "91", "98", "99"];
    private static readonly bool[] ReportingBodyByNumber = Enumerable.Range(0, 100).Select(i => ImeiReportingBodies.Contains(i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture))).ToArray();

    /// <summary>The identifier traits of a normalized member name (see <see cref="KeyClassifier"/>).</summary>
    public static KeyTraits TraitsOf(string key)
    {
        var traits = KeyTraits.None;
        traits |= MacKeys.Contains(key) ? KeyTraits.MacKey : 0;
        traits |= key.Contains("imsi", StringComparison.Ordinal) ? KeyTraits.ContainsImsi : 0;
        traits |= key.Contains("imei", StringComparison.Ordinal) || key.Contains("meid", StringComparison.Ordinal) ? KeyTraits.ImeiKey : 0;
        traits |= key.Contains("iccid", StringComparison.Ordinal) ? KeyTraits.ContainsIccid : 0;
        traits |= key.Contains("androidid", StringComparison.Ordinal) || key == "ssaid" ? KeyTraits.AndroidIdKey : 0;
        traits |= key.Contains("oaid", StringComparison.Ordinal) ? KeyTraits.ContainsOaid : 0;
        traits |= SerialKeys.Contains(key) ? KeyTraits.SerialKey : 0;
        traits |= key.Contains("bssid", StringComparison.Ordinal) || key is "apmac" or "routermac" or "gatewaymac" ? KeyTraits.AccessPointMacKey : 0;
        traits |= key is "ssid" or "rssi" or "signal" or "level" or "dbm" or "signalstrength" ? KeyTraits.WifiSiblingKey : 0;
        return traits;
    }

    public void Detect(DecodedTree tree, List<DetectedDatum> results)
    {
        foreach (var node in tree.Nodes)
        {
            Visit(tree, node, results);
        }
    }

    /// <summary>Looks at one node (the detector keeps no state between nodes, so passes can be shared).</summary>
    public static void Visit(DecodedTree tree, DecodedNode node, List<DetectedDatum> results)
    {
        if (node.Kind is not (NodeKind.String or NodeKind.Number) || node.HasChildren || !MayHoldIdentifier(node)
            || node.Text is not { Length: >= MinTextLength and <= 128 } text)
        {
            return;
        }

        var traits = node.Traits;
        var trimmed = text.Trim();
        if (trimmed.Length == 17 && trimmed[2] is ':' or '-')
        {
            if (!IsWifiContext(tree, node) && MacAddress.IsValid(trimmed, allowBare: false))
            {
                results.Add(new DetectedDatum(DataTypes.IdMac, node.Index, trimmed));
            }

            return;
        }

        if (trimmed.Length == 12 && (traits & KeyTraits.MacKey) != 0 && MacAddress.IsValid(trimmed, allowBare: true) && !IsWifiContext(tree, node))
        {
            results.Add(new DetectedDatum(DataTypes.IdMac, node.Index, trimmed));
            return;
        }

        if ((traits & KeyTraits.ContainsImsi) != 0)
        {
            if (trimmed.Length is 14 or 15 && NumberText.IsDigits(trimmed) && MobileCountryCodes.StartsWithValid(trimmed))
            {
                results.Add(new DetectedDatum(DataTypes.IdImsi, node.Index, trimmed));
            }

            return;
        }

        if (trimmed.Length == 15 && NumberText.IsDigits(trimmed) && Luhn.IsValid(trimmed))
        {
            var keyed = (traits & KeyTraits.ImeiKey) != 0;
            if (keyed || (IsImeiReportingBody(trimmed) && (traits & (KeyTraits.NonPersonal | KeyTraits.ContainsIccid)) == 0))
            {
                results.Add(new DetectedDatum(DataTypes.IdImei, node.Index, trimmed));
            }

            return;
        }

        if (trimmed.Length is 19 or 20 && trimmed.StartsWith("89", StringComparison.Ordinal) && NumberText.IsDigits(trimmed)
            && Luhn.IsValid(trimmed) && ((traits & KeyTraits.ContainsIccid) != 0 || (traits & KeyTraits.NonPersonal) == 0))
        {
            results.Add(new DetectedDatum(DataTypes.IdIccid, node.Index, trimmed));
            return;
        }

        if ((traits & KeyTraits.AndroidIdKey) != 0)
        {
            if (trimmed.Length is 15 or 16 && NumberText.IsHex(trimmed) && !IsAllSame(trimmed))
            {
                results.Add(new DetectedDatum(DataTypes.IdAndroidId, node.Index, trimmed));
            }

            return;
        }

        if ((traits & KeyTraits.ContainsOaid) != 0)
        {
            if (IsOaid(trimmed))
            {
                results.Add(new DetectedDatum(DataTypes.IdOaid, node.Index, trimmed));
            }

            return;
        }

        if ((traits & KeyTraits.SerialKey) != 0 && IsSerial(trimmed))
        {
            results.Add(new DetectedDatum(DataTypes.IdSerial, node.Index, trimmed));
        }
    }

    /// <summary>The shortest text read as an identifier (a serial number).</summary>
    internal const int MinTextLength = 6;

    internal const KeyTraits IdentifierKeyTraits = KeyTraits.MacKey | KeyTraits.ContainsImsi | KeyTraits.AndroidIdKey | KeyTraits.ContainsOaid
                                                  | KeyTraits.SerialKey;

    // Without an identifier name, a number written without spaces can only be an IMEI (15 digits), an ICCID (19
    // or 20) or a 17-character MAC; a pending float's text (at most 15 characters, all digits only when at most
    // 9) is none of them. Decided from the length, so the text of other numbers is never made.
    private static bool MayHoldIdentifier(DecodedNode node)
    {
        if (node.Kind != NodeKind.Number || !node.HasPlainNumberText || (node.Traits & IdentifierKeyTraits) != 0)
        {
            return true;
        }

        return !node.IsPendingFloat && node.TextLength is 15 or 17 or 19 or 20;
    }

    /// <summary>True for a UUID or 16/64 hex digits that are not all zero (or all one digit).</summary>
    public static bool IsOaid(string s)
    {
        if (s.Length == 36)
        {
            if (s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-')
            {
                return false;
            }

            var hex = string.Concat(s.AsSpan(0, 8), s.AsSpan(9, 4), s.AsSpan(14, 4), string.Concat(s.AsSpan(19, 4), s.AsSpan(24, 12)));
            return NumberText.IsHex(hex) && !IsAllSame(hex);
        }

        return s.Length is 16 or 32 or 64 && NumberText.IsHex(s) && !IsAllSame(s);
    }

    /// <summary>True for a serial-number-like value: 6–64 letters, digits, <c>-</c> or <c>_</c>, at least one digit, 3 distinct characters.</summary>
    public static bool IsSerial(string s)
    {
        if (s.Length is < 6 or > 64 || SerialPlaceholders.Contains(s))
        {
            return false;
        }

        var digit = false;
        Span<bool> seen = stackalloc bool[128];
        var distinct = 0;
        foreach (var c in s)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }

            digit |= char.IsAsciiDigit(c);
            if (!seen[c])
            {
                seen[c] = true;
                distinct++;
            }
        }

        return digit && distinct >= 3;
    }

    // Called with 15 ASCII digits.
    private static bool IsImeiReportingBody(string digits) => ReportingBodyByNumber[(digits[0] - '0') * 10 + (digits[1] - '0')];

    private static bool IsAllSame(string s)
    {
        foreach (var c in s)
        {
            if (c != s[0] && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsWifiContext(DecodedTree tree, DecodedNode node)
    {
        if ((node.Traits & KeyTraits.AccessPointMacKey) != 0)
        {
            return true;
        }

        // A sibling (or the node itself) named like a Wi-Fi scan field: the union of the parent's child traits has it.
        return node.Parent >= 0 && (tree.ChildTraits(node.Parent) & KeyTraits.WifiSiblingKey) != 0;
    }
}
