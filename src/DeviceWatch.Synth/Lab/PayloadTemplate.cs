using System.Globalization;
using System.Text.RegularExpressions;

namespace DeviceWatch.Synth.Lab;

/// <summary>Expands the placeholders documented on <see cref="LabActivity"/>.</summary>
internal static partial class PayloadTemplate
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "seq", "ts", "ts_ms", "iso", "lat", "lon", "device", "mac", "hostname", "ip", "rand",
    };

    /// <summary>Throws when <paramref name="template"/> uses an unknown placeholder.</summary>
    public static void Validate(string template, string what)
    {
        foreach (Match match in Placeholder().Matches(template))
        {
            if (!Known.Contains(match.Groups[1].Value))
            {
                throw new ArgumentException($"{what}: unknown placeholder '{match.Value}'. Known: {string.Join(", ", Known.Order())}.", nameof(template));
            }
        }
    }

    /// <summary>The template with every placeholder replaced.</summary>
    public static string Expand(string template, TemplateContext context) =>
        Placeholder().Replace(template, match => Value(match.Groups[1].Value, match.Groups[2].Success ? int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) : 6, context));

    /// <summary>Position of the device at tick <paramref name="sequence"/>: a smooth walk of a few hundred metres.</summary>
    public static GeoPoint Walk(GeoPoint home, int sequence) => new(
        home.Latitude + 0.0008 * Math.Sin(sequence * 0.37) + 0.0003 * Math.Cos(sequence * 0.11),
        home.Longitude + 0.0011 * Math.Cos(sequence * 0.29) + 0.0002 * Math.Sin(sequence * 0.07));

    private static string Value(string name, int decimals, TemplateContext context)
    {
        var position = Walk(context.Device.Location, context.Sequence);
        var unixMs = (context.Time - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerMillisecond;
        return name switch
        {
            "seq" => context.Sequence.ToString(CultureInfo.InvariantCulture),
            "ts" => (unixMs / 1000).ToString(CultureInfo.InvariantCulture),
            "ts_ms" => unixMs.ToString(CultureInfo.InvariantCulture),
            "iso" => context.Time.ToString("yyyy-MM-ddTHH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            "lat" => position.Latitude.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
            "lon" => position.Longitude.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
            "device" => context.Device.Id,
            "mac" => context.Device.Mac.ToString(),
            "hostname" => context.Device.HostName,
            "ip" => context.Address.ToString(),
            "rand" => context.Random.Next().ToString("x8", CultureInfo.InvariantCulture),
            _ => throw new ArgumentException($"Unknown placeholder '{{{name}}}'.", nameof(name)),
        };
    }

    [GeneratedRegex(@"\{([a-z_]+)(?::([0-9]{1,2}))?\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
