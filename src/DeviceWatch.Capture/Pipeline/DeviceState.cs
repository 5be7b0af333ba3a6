namespace DeviceWatch.Capture.Pipeline;

/// <summary>What is known about one local device so far.</summary>
internal sealed class DeviceState
{
    public const int MaxIps = 16;
    public const int MaxDestinations = 4096;

    public DeviceState(string mac, DateTime firstSeen)
    {
        Mac = mac;
        FirstSeen = firstSeen;
        LastSeen = firstSeen;
    }

    public string Mac { get; }
    public List<string> Ips { get; } = [];
    public string? Hostname { get; set; }
    public string? VendorClass { get; set; }
    public DateTime FirstSeen { get; set; }
    public DateTime LastSeen { get; set; }
    public long Flows { get; set; }
    public HashSet<string> Destinations { get; } = new(StringComparer.Ordinal);
    /// <summary>Resolved id (profile id or MAC); reset when identifying facts change.</summary>
    public string? CachedId { get; set; }

    public void AddIp(string ip)
    {
        if (Ips.Count < MaxIps && !Ips.Contains(ip))
        {
            Ips.Add(ip);
            CachedId = null;
        }
    }
}
