using System.Text;
using DeviceWatch.Analysis.Decoding;
using DeviceWatch.Core.Analysis;

namespace DeviceWatch.Analysis.Detection;

/// <summary>
/// Finds lists of installed apps: at least three Java-style package names (<c>com.tencent.mm</c>) in an array,
/// in array entries under a package key, or in a comma/semicolon separated string under an app/package key.
/// Host names (<c>www.example.com</c>) and version strings are not package names.
/// </summary>
internal sealed class AppListDetector : IDetector
{
    private const int MinPackages = 3;

    private static readonly HashSet<string> FirstSegments =
    [
        "com", "cn", "org", "net", "io", "me", "tv", "air", "android", "de", "jp", "kr", "uk", "co", "us", "info", "app",
        "in", "ru", "fr", "ctrip", "tencent", "alibaba", "sina", "bubei", "ai", "vip", "top", "xyz", "mobi", "hk", "tw",
    ];

    private static readonly HashSet<string> DomainEnds = ["com", "cn", "net", "org", "io", "html", "htm", "php", "jpg", "png", "js", "json", "apk"];
    private static readonly HashSet<string> PackageKeys = ["pkg", "pkgname", "packagename", "package", "bundleid", "packname", "apppkg", "apppackage", "pname", "appid"];
    private static readonly string[] AppKeyWords = ["app", "pkg", "package", "installed", "applist"];

    /// <summary>The app-list traits of a normalized member name (see <see cref="KeyClassifier"/>).</summary>
    public static KeyTraits TraitsOf(string key) =>
        (PackageKeys.Contains(key) ? KeyTraits.PackageKey : 0) | (HasAppKey(key) ? KeyTraits.AppKey : 0);

    /// <summary>False when no array has <see cref="MinPackages"/> items and no name is an app/package name.</summary>
    public static bool MayFind(KeyTraits all, int maxArrayItems) => maxArrayItems >= MinPackages || (all & KeyTraits.AppKey) != 0;

    public void Detect(DecodedTree tree, List<DetectedDatum> results)
    {
        var skipUntil = -1;
        // Made for the first array or app-named text looked into: most payloads this runs on only have a name like
        // "appid" or "app_version".
        List<string>? found = null;
        // Without an array of MinPackages items only a text under an app name can be a list.
        var arrays = tree.MaxArrayItems >= MinPackages;
        // Arrays and texts of 20 characters or more are all among the detector nodes.
        foreach (var index in tree.DetectorNodes)
        {
            var node = tree[index];
            if (node.Index < skipUntil)
            {
                continue;
            }

            if (arrays && node.Kind == NodeKind.Array && node.HasChildren)
            {
                found ??= [];
                found.Clear();
                foreach (var c in tree.Children(node.Index))
                {
                    if (c.Kind == NodeKind.String && IsPackageName(c.Text))
                    {
                        found.Add(c.Text!);
                    }
                    else if (c.Kind == NodeKind.Object)
                    {
                        foreach (var f in tree.Children(c.Index))
                        {
                            if (f.Kind == NodeKind.String && (f.Traits & KeyTraits.PackageKey) != 0 && IsPackageName(f.Text))
                            {
                                found.Add(f.Text!);
                                break;
                            }
                        }
                    }
                }

                if (found.Count >= MinPackages)
                {
                    results.Add(new DetectedDatum(DataTypes.BehaviorAppList, node.Index, Summary(found)));
                    skipUntil = node.End;
                }
            }
            else if (node.Kind == NodeKind.String && (node.Traits & KeyTraits.AppKey) != 0 && node.Text is { Length: >= 20 } text && !node.HasChildren)
            {
                found ??= [];
                found.Clear();
                foreach (var part in text.Split([',', ';', '|', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    if (IsPackageName(part))
                    {
                        found.Add(part);
                    }
                }

                if (found.Count >= MinPackages)
                {
                    results.Add(new DetectedDatum(DataTypes.BehaviorAppList, node.Index, Summary(found)));
                }
            }
        }
    }

    /// <summary>True for a Java-style package name: 2–10 identifier segments, a known first segment, not a host name.</summary>
    public static bool IsPackageName(string? s)
    {
        if (s is null || s.Length is < 5 or > 150 || !s.Contains('.'))
        {
            return false;
        }

        var segments = s.Split('.');
        if (segments.Length is < 2 or > 10 || !FirstSegments.Contains(segments[0]) || DomainEnds.Contains(segments[^1]))
        {
            return false;
        }

        foreach (var seg in segments)
        {
            if (seg.Length == 0 || !(char.IsAsciiLetter(seg[0]) || seg[0] == '_'))
            {
                return false;
            }

            foreach (var c in seg)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool HasAppKey(string key)
    {
        foreach (var w in AppKeyWords)
        {
            if (key.Contains(w, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static string Summary(List<string> packages)
    {
        var sb = new StringBuilder();
        foreach (var p in packages)
        {
            if (sb.Length > 200)
            {
                sb.Append(",…");
                break;
            }

            sb.Append(sb.Length > 0 ? "," : "").Append(p);
        }

        return sb.ToString();
    }
}
