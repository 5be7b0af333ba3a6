using DeviceWatch.Analysis.Decoding;
using DeviceWatch.Core.Analysis;

namespace DeviceWatch.Analysis.Detection;

/// <summary>
/// Finds GPS positions: sibling latitude/longitude fields (English, pinyin and Chinese names, same prefix),
/// <c>"lat,lon"</c> strings, two-number arrays under location keys, integer-scaled ×1e6/×1e7 pairs, and adjacent
/// protobuf doubles. Rejects (0,0), out-of-range values and non-sibling halves. Precision in metres from the number
/// of decimals (5 decimals ≈ 1.1 m) or from the scale.
/// </summary>
internal sealed class GpsLocationDetector : IDetector
{
    private const double MetresPerDegree = 111_320;

    private static readonly string[] LatNames = ["latitude", "weidu", "纬度", "lat"];
    private static readonly string[] LonNames = ["longitude", "jingdu", "经度", "lng", "lon", "long"];
    private static readonly string[] Prefixes = ["", "gps", "loc", "location", "cur", "current", "last", "device", "dev", "user", "my", "home", "pos", "position", "wgs", "wgs84", "gcj", "gcj02", "bd", "bd09", "real", "geo", "center", "c"];
    private static readonly string[] ScaleSuffixes = ["", "e5", "e6", "e7"];

    private static readonly HashSet<string> PairKeys =
    [
        "location", "loc", "lnglat", "lonlat", "latlng", "latlon", "point", "position", "gps", "coord", "coords",
        "coordinate", "coordinates", "pos", "center", "坐标", "位置", "weizhi", "zuobiao", "gpslocation", "geo", "lbs",
    ];

    /// <summary>The GPS traits of a normalized member name (see <see cref="KeyClassifier"/>).</summary>
    public static KeyTraits TraitsOf(string normKey, out GpsKeyMatch? gps)
    {
        var traits = KeyTraits.None;
        var isLat = MayBeLatitude(normKey) && Match(normKey, LatNames, out var latPrefix, out var latScale) ? true : Clear(out latPrefix, out latScale);
        var isLon = Match(normKey, LonNames, out var lonPrefix, out var lonScale);
        gps = isLat || isLon ? new GpsKeyMatch(isLat, latPrefix, latScale, isLon, lonPrefix, lonScale) : null;
        traits |= isLat ? KeyTraits.GpsLatitude : 0;
        traits |= isLon ? KeyTraits.GpsLongitude : 0;
        traits |= PairKeys.Contains(normKey) ? KeyTraits.GpsPairKey : 0;
        traits |= normKey.Contains("loc", StringComparison.Ordinal) ? KeyTraits.ContainsLoc : 0;
        return traits;
    }

    private static bool Clear(out string prefix, out string scale)
    {
        prefix = "";
        scale = "";
        return false;
    }

    public void Detect(DecodedTree tree, List<DetectedDatum> results)
    {
        // Containers and the leaves a pair string could be in (at least 7 characters).
        foreach (var index in tree.DetectorNodes)
        {
            var node = tree[index];
            if (node.HasChildren && node.Kind is NodeKind.Object or NodeKind.Source or NodeKind.String or NodeKind.Array)
            {
                // A pair needs a latitude child.
                if ((tree.ChildTraits(node.Index) & KeyTraits.GpsLatitude) != 0)
                {
                    FindSiblingPair(tree, node, results);
                }

                if (node.Kind == NodeKind.Array && (node.Traits & KeyTraits.GpsPairKey) != 0)
                {
                    FindArrayPair(tree, node, results);
                }

                // A pair of wire doubles needs two of them among the message's fields.
                if (node.Kind == NodeKind.Object && node.WireDoubleChildren >= 2
                    && node.Encoding.EndsWith("protobuf", StringComparison.Ordinal))
                {
                    FindWireDoubles(tree, node, results);
                }
            }
            else if (node.Kind == NodeKind.String && node.Text is { Length: >= 7 and <= 64 } text && text.Contains(','))
            {
                FindPairString(node, text, results);
            }
        }
    }

    private static void FindSiblingPair(DecodedTree tree, DecodedNode container, List<DetectedDatum> results)
    {
        DecodedNode? lat = null;
        string latPrefix = "", latScale = "";
        foreach (var child in tree.Children(container.Index))
        {
            if (child.IsScalar && (child.Traits & KeyTraits.GpsLatitude) != 0)
            {
                lat = child;
                latPrefix = child.Field.Gps!.LatPrefix;
                latScale = child.Field.Gps!.LatScale;
                break;
            }
        }

        if (lat is null)
        {
            return;
        }

        foreach (var child in tree.Children(container.Index))
        {
            if (child.IsScalar && (child.Traits & KeyTraits.GpsLongitude) != 0 && child.Field.Gps!.LonPrefix == latPrefix)
            {
                var scale = latScale.Length > 0 ? latScale : child.Field.Gps!.LonScale;
                if (TryPair(lat, child, scale, out var precision))
                {
                    results.Add(new DetectedDatum(DataTypes.LocationGps, lat.Index, lat.Text + "," + child.Text, precision));
                }

                return;
            }
        }
    }

    private static void FindArrayPair(DecodedTree tree, DecodedNode array, List<DetectedDatum> results)
    {
        DecodedNode? a = null, b = null;
        var n = 0;
        foreach (var child in tree.Children(array.Index))
        {
            n++;
            if (n == 1)
            {
                a = child;
            }
            else if (n == 2)
            {
                b = child;
            }
        }

        if (n != 2 || a is null || b is null || !a.IsScalar || !b.IsScalar
            || !a.TryGetNumber(out var x, out var dx) || !b.TryGetNumber(out var y, out var dy)
            || Math.Min(dx, dy) < 3)
        {
            return;
        }

        var latFirst = array.NormKey is "latlng" or "latlon" || (Math.Abs(x) <= 90 && Math.Abs(y) > 90);
        var (latNode, lonNode) = latFirst ? (a, b) : (b, a);
        if (TryPair(latNode, lonNode, "", out var precision))
        {
            results.Add(new DetectedDatum(DataTypes.LocationGps, array.Index, latNode.Text + "," + lonNode.Text, precision));
        }
    }

    private static void FindPairString(DecodedNode node, string text, List<DetectedDatum> results)
    {
        var comma = text.IndexOf(',');
        if (comma <= 0 || text.IndexOf(',', comma + 1) >= 0)
        {
            return;
        }

        var first = text.AsSpan(0, comma).Trim();
        var second = text.AsSpan(comma + 1).Trim();
        if (!NumberText.TryParse(first, out var x, out var dx) || !NumberText.TryParse(second, out var y, out var dy))
        {
            return;
        }

        var keyed = (node.Traits & (KeyTraits.GpsPairKey | KeyTraits.ContainsLoc)) != 0;
        if (Math.Min(dx, dy) < (keyed ? 3 : 4))
        {
            return;
        }

        var lonFirst = node.NormKey is "lnglat" or "lonlat" || (Math.Abs(x) > 90 && Math.Abs(y) <= 90);
        var (lat, dLat, lon, dLon) = lonFirst ? (y, dy, x, dx) : (x, dx, y, dy);
        if (TryPair(lat, dLat, lon, dLon, "", out var precision))
        {
            var value = lonFirst ? string.Concat(second, ",", first) : string.Concat(first, ",", second);
            results.Add(new DetectedDatum(DataTypes.LocationGps, node.Index, value, precision));
        }
    }

    // Schema-less protobuf: two adjacent fixed64 doubles, lat then lon, both with >= 4 decimals.
    private static void FindWireDoubles(DecodedTree tree, DecodedNode message, List<DetectedDatum> results)
    {
        DecodedNode? previous = null;
        foreach (var child in tree.Children(message.Index))
        {
            if (!child.IsWireDouble)
            {
                previous = null;
                continue;
            }

            if (previous is not null && child.FieldNumber == previous.FieldNumber + 1
                && previous.TryGetNumber(out var lat, out var dLat) && child.TryGetNumber(out var lon, out var dLon)
                && Math.Min(dLat, dLon) >= 4 && Math.Abs(lat) <= 90 && Math.Abs(lon) <= 180 && Math.Abs(lon) >= 1 && Math.Abs(lat) >= 1
                && TryPair(lat, dLat, lon, dLon, "", out var precision))
            {
                results.Add(new DetectedDatum(DataTypes.LocationGps, previous.Index, previous.Text + "," + child.Text, precision));
                previous = null;
                continue;
            }

            previous = child;
        }
    }

    /// <summary>Validates a latitude/longitude pair given as text and computes its precision in metres.</summary>
    public static bool TryPair(string? latText, string? lonText, string scaleHint, out double precision)
    {
        precision = 0;
        return NumberText.TryParse(latText, out var lat, out var dLat) && NumberText.TryParse(lonText, out var lon, out var dLon)
            && TryPair(lat, dLat, lon, dLon, scaleHint, out precision);
    }

    private static bool TryPair(DecodedNode latNode, DecodedNode lonNode, string scaleHint, out double precision)
    {
        precision = 0;
        return latNode.TryGetNumber(out var lat, out var dLat) && lonNode.TryGetNumber(out var lon, out var dLon)
            && TryPair(lat, dLat, lon, dLon, scaleHint, out precision);
    }

    private static bool TryPair(double lat, int dLat, double lon, int dLon, string scaleHint, out double precision)
    {
        precision = 0;
        double scale = scaleHint switch { "e5" => 1e5, "e6" => 1e6, "e7" => 1e7, _ => 1 };
        if (scale == 1 && dLat == 0 && dLon == 0 && (Math.Abs(lat) > 90 || Math.Abs(lon) > 180))
        {
            scale = Math.Abs(lat) <= 90e6 && Math.Abs(lon) <= 180e6 && Math.Max(Math.Abs(lat), Math.Abs(lon)) >= 1e6 ? 1e6
                : Math.Abs(lat) <= 90e7 && Math.Abs(lon) <= 180e7 && Math.Max(Math.Abs(lat), Math.Abs(lon)) >= 1e7 ? 1e7
                : 0;
            if (scale == 0)
            {
                return false;
            }
        }

        if (scale > 1 && (dLat > 0 || dLon > 0))
        {
            return false;
        }

        lat /= scale;
        lon /= scale;
        if (Math.Abs(lat) > 90 || Math.Abs(lon) > 180 || (Math.Abs(lat) < 1e-6 && Math.Abs(lon) < 1e-6)
            || (Math.Abs(lat) < 0.5 && Math.Abs(lon) < 0.5))
        {
            return false;
        }

        precision = scale > 1 ? MetresPerDegree / scale : MetresPerDegree / NumberText.PowerOfTen(Math.Min(dLat, dLon));
        precision = Math.Round(precision, precision < 1 ? 4 : 1);
        return true;
    }

    private static bool MayBeLatitude(string key) =>
        key.Length is > 0 and <= 24 && (key.Contains("lat", StringComparison.Ordinal) || key.Contains("weidu", StringComparison.Ordinal)
                                       || key.Contains("纬度", StringComparison.Ordinal));

    private static bool Match(string key, string[] names, out string prefix, out string scale)
    {
        prefix = "";
        scale = "";
        if (key.Length == 0 || key.Length > 24)
        {
            return false;
        }

        foreach (var name in names)
        {
            foreach (var suffix in ScaleSuffixes)
            {
                var full = name.Length + suffix.Length;
                if (key.Length < full || !key.AsSpan(key.Length - suffix.Length).SequenceEqual(suffix)
                    || !key.AsSpan(key.Length - full, name.Length).SequenceEqual(name))
                {
                    continue;
                }

                var p = key[..(key.Length - full)];
                if (Array.IndexOf(Prefixes, p) >= 0)
                {
                    prefix = p;
                    scale = suffix;
                    return true;
                }
            }
        }

        return false;
    }
}
