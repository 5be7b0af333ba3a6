namespace DeviceWatch.Analysis.Profiles;

/// <summary>Validated categories and device profiles.</summary>
public sealed class ProfileSet
{
    private readonly Dictionary<string, CategoryProfile> _categories;
    private readonly Dictionary<string, DeviceProfile> _devicesById;

    /// <summary>Creates a set; callers normally use <see cref="ProfileLoader.Load"/>, which validates.</summary>
    public ProfileSet(IEnumerable<CategoryProfile> categories, IEnumerable<DeviceProfile> devices)
    {
        _categories = categories.ToDictionary(c => c.Id, StringComparer.Ordinal);
        Devices = devices.OrderBy(d => d.Id, StringComparer.Ordinal).ToArray();
        _devicesById = Devices.ToDictionary(d => d.Id, StringComparer.Ordinal);
        Categories = _categories.Values.OrderBy(c => c.Id, StringComparer.Ordinal).ToArray();
    }

    /// <summary>A set without profiles: every device is analysed without one.</summary>
    public static ProfileSet Empty { get; } = new([], []);

    /// <summary>Categories by id order.</summary>
    public IReadOnlyList<CategoryProfile> Categories { get; }

    /// <summary>Device profiles by id order.</summary>
    public IReadOnlyList<DeviceProfile> Devices { get; }

    /// <summary>The category with <paramref name="id"/>, or null.</summary>
    public CategoryProfile? Category(string id) => _categories.GetValueOrDefault(id);

    /// <summary>The device profile with <paramref name="id"/>, or null.</summary>
    public DeviceProfile? Device(string id) => _devicesById.GetValueOrDefault(id);

    /// <summary>
    /// The profile of a device seen on the network: a MAC match wins, then an IP match, then a DHCP host name
    /// match (case-insensitive). Null when none matches.
    /// </summary>
    public DeviceProfile? Match(string? mac, IEnumerable<string>? ips, string? hostname)
    {
        if (MacAddresses.TryNormalize(mac, out var normalized))
        {
            var byMac = Devices.FirstOrDefault(d => d.Match.Mac == normalized);
            if (byMac is not null)
            {
                return byMac;
            }
        }

        if (ips is not null)
        {
            var ipList = ips as IReadOnlyCollection<string> ?? ips.ToArray();
            var byIp = Devices.FirstOrDefault(d => d.Match.Ip is not null && ipList.Contains(d.Match.Ip, StringComparer.OrdinalIgnoreCase));
            if (byIp is not null)
            {
                return byIp;
            }
        }

        if (!string.IsNullOrEmpty(hostname))
        {
            return Devices.FirstOrDefault(d => string.Equals(d.Match.Hostname, hostname, StringComparison.OrdinalIgnoreCase));
        }

        return null;
    }

    /// <summary>
    /// The limit that applies to <paramref name="dataType"/> for <paramref name="device"/>, field by field: the
    /// device's entry for the data type, else the category's entry for it, else the device's <c>default</c>,
    /// else the category's <c>default</c>.
    /// </summary>
    public DataTypeLimit EffectiveLimit(DeviceProfile device, string dataType)
    {
        var category = Category(device.Category);
        var result = new DataTypeLimit();
        result = result.Or(device.Limits.For(dataType));
        result = result.Or(category?.Limits.For(dataType));
        result = result.Or(device.Limits.Default);
        result = result.Or(category?.Limits.Default);
        return result;
    }

    /// <summary>Data types needed by the device's enabled functions.</summary>
    public IReadOnlySet<string> NeededDataTypes(DeviceProfile device)
    {
        var category = Category(device.Category);
        var needed = new HashSet<string>(StringComparer.Ordinal);
        if (category is null)
        {
            return needed;
        }

        foreach (var function in device.Functions)
        {
            if (category.Functions.TryGetValue(function, out var types))
            {
                needed.UnionWith(types);
            }
        }

        return needed;
    }
}
