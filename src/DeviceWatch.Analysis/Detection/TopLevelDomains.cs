namespace DeviceWatch.Analysis.Detection;

/// <summary>Top-level domains accepted in e-mail addresses (common generic ones and country codes).</summary>
internal static class TopLevelDomains
{
    private static readonly HashSet<string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        "com", "net", "org", "edu", "gov", "mil", "int", "info", "biz", "io", "ai", "co", "me", "cn", "uk", "de", "fr", "jp",
        "kr", "ru", "br", "in", "us", "ca", "au", "nl", "se", "no", "es", "it", "ch", "at", "be", "dk", "fi", "pl", "cz", "tw",
        "hk", "mo", "sg", "my", "th", "vn", "id", "ph", "nz", "za", "mx", "ar", "cl", "tr", "ir", "il", "ae", "sa", "eg", "pt",
        "gr", "hu", "ro", "ie", "ua", "top", "xyz", "site", "online", "app", "dev", "cloud", "tech", "store", "shop", "club",
        "vip", "ltd", "wang", "xin", "mobi", "name", "pro", "asia", "tv", "cc", "ws", "fm", "ly", "to", "la", "su", "eu",
        "email", "live", "life", "work", "link", "fun", "ink", "red", "group", "team", "space", "world", "today", "news",
        "中国", "公司", "网络",
    };

    public static bool IsKnown(ReadOnlySpan<char> tld) => Known.GetAlternateLookup<ReadOnlySpan<char>>().Contains(tld);
}
