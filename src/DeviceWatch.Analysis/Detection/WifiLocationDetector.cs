using System.Text;
using DeviceWatch.Analysis.Decoding;
using DeviceWatch.Core.Analysis;

namespace DeviceWatch.Analysis.Detection;

/// <summary>
/// Finds Wi-Fi scan lists: lists of access points whose BSSID is a valid MAC next to an SSID or signal key,
/// a single object with an explicit BSSID and SSID/RSSI, or a string of at least two MACs under a Wi-Fi key
/// (<c>"mac1,-50|mac2,-61"</c>).
/// </summary>
internal sealed class WifiLocationDetector : IDetector
{
    private static readonly HashSet<string> BssidKeys = ["bssid", "mac", "apmac", "wifimac", "routermac", "bssidmac", "macaddr", "macaddress"];
    private static readonly HashSet<string> SignalKeys = ["ssid", "rssi", "signal", "level", "strength", "dbm", "signalstrength", "rssi0", "freq", "frequency", "channel", "ssidname", "wifiname"];

    /// <summary>The Wi-Fi traits of a normalized member name (see <see cref="KeyClassifier"/>).</summary>
    public static KeyTraits TraitsOf(string normKey)
    {
        var traits = KeyTraits.None;
        traits |= BssidKeys.Contains(normKey) ? KeyTraits.WifiBssidKey : 0;
        traits |= SignalKeys.Contains(normKey) ? KeyTraits.WifiSignalKey : 0;
        var bssid = normKey.Contains("bssid", StringComparison.Ordinal);
        traits |= bssid ? KeyTraits.ContainsBssid : 0;
        traits |= bssid || normKey.Contains("wifi", StringComparison.Ordinal) || normKey is "macs" or "aps" or "wlan" ? KeyTraits.WifiTextKey : 0;
        return traits;
    }

    private const KeyTraits AccessPointTraits = KeyTraits.WifiBssidKey | KeyTraits.WifiSignalKey;

    /// <summary>False when no node of a tree with these names can be found: a list needs BSSID and signal names, a string a Wi-Fi name.</summary>
    public static bool MayFind(KeyTraits all) =>
        (all & AccessPointTraits) == AccessPointTraits || (all & KeyTraits.WifiTextKey) != 0;

    // The list value being built, reused by the calls on this thread.
    [ThreadStatic]
    private static StringBuilder? t_value;

    public void Detect(DecodedTree tree, List<DetectedDatum> results)
    {
        var taken = -1;
        StringBuilder? value = null;
        for (var i = 0; i < tree.Count; i++)
        {
            var node = tree[i];
            if (i < taken)
            {
                continue;
            }

            // A subtree with no access-point names and no Wi-Fi text name has nothing for this detector.
            var below = tree.DescendantTraits(i);
            if ((below & AccessPointTraits) != AccessPointTraits && ((node.Traits | below) & KeyTraits.WifiTextKey) == 0)
            {
                i = node.End - 1;
                continue;
            }

            if (node.HasChildren && node.Kind is NodeKind.Array or NodeKind.Object or NodeKind.String)
            {
                // Every access point needs a BSSID name and a signal name below the node.
                if ((tree.DescendantTraits(node.Index) & AccessPointTraits) != AccessPointTraits)
                {
                    continue;
                }

                var count = 0;
                string? first = null;
                foreach (var child in tree.Children(node.Index))
                {
                    if (child.Kind == NodeKind.Object && (tree.ChildTraits(child.Index) & AccessPointTraits) == AccessPointTraits
                        && AccessPoint(tree, child, out var bssid, out _))
                    {
                        if (count++ == 0)
                        {
                            first = bssid;
                            value?.Clear();
                            continue;
                        }

                        if (count == 2)
                        {
                            value ??= t_value ??= new StringBuilder(256);
                            value.Clear().Append(first);
                        }

                        if (value!.Length < 200)
                        {
                            value.Append('|').Append(bssid);
                        }
                    }
                }

                if (count >= 2)
                {
                    results.Add(new DetectedDatum(DataTypes.LocationWifi, node.Index, value!.ToString()));
                    taken = node.End;
                    continue;
                }

                if (node.Kind == NodeKind.Object && !node.IsArrayItem && (tree.ChildTraits(node.Index) & AccessPointTraits) == AccessPointTraits
                    && AccessPoint(tree, node, out var single, out var exp) && exp
                    && !IsInsideList(tree, node))
                {
                    results.Add(new DetectedDatum(DataTypes.LocationWifi, node.Index, single));
                    taken = node.End;
                }
            }
            else if (node.Kind == NodeKind.String && node.Text is { Length: >= 30 } text && (node.Traits & KeyTraits.WifiTextKey) != 0)
            {
                var macs = CountMacs(text, out var first);
                if (macs >= 2)
                {
                    results.Add(new DetectedDatum(DataTypes.LocationWifi, node.Index, first));
                }
            }
        }
    }

    private static bool IsInsideList(DecodedTree tree, DecodedNode node) =>
        node.Parent >= 0 && tree[node.Parent].Kind == NodeKind.Array;

    private static bool AccessPoint(DecodedTree tree, DecodedNode obj, out string bssid, out bool isExplicit)
    {
        bssid = "";
        isExplicit = false;
        var signal = false;
        foreach (var c in tree.Children(obj.Index))
        {
            var traits = c.Traits;
            if (c.Kind == NodeKind.String && bssid.Length == 0 && (traits & KeyTraits.WifiBssidKey) != 0 && c.Text is { } t
                && MacAddress.IsValid(t, allowBare: true))
            {
                bssid = t;
                isExplicit = (traits & KeyTraits.ContainsBssid) != 0;
            }
            else if ((traits & KeyTraits.WifiSignalKey) != 0)
            {
                signal = true;
            }
        }

        return bssid.Length > 0 && signal;
    }

    private static int CountMacs(string text, out string first)
    {
        first = "";
        var n = 0;
        for (var i = 0; i + 17 <= text.Length; i++)
        {
            if ((i == 0 || !char.IsAsciiHexDigit(text[i - 1])) && (i + 17 == text.Length || !char.IsAsciiHexDigit(text[i + 17]))
                && text[i + 2] is ':' or '-' && MacAddress.IsValid(text.AsSpan(i, 17), false))
            {
                if (n++ == 0)
                {
                    first = text.Substring(i, 17);
                }

                i += 16;
            }
        }

        return n;
    }
}
