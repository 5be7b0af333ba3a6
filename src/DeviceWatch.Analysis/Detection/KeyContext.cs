namespace DeviceWatch.Analysis.Detection;

/// <summary>Field-name context shared by detectors: names that say a number is not personal (times, orders, counters).</summary>
internal static class KeyContext
{
    private static readonly string[] NonPersonalParts =
    [
        "time", "stamp", "date", "order", "seq", "trade", "txn", "trans", "count", "size", "length", "amount", "price",
        "crc", "hash", "sign", "nonce", "version", "build", "expire", "duration", "offset", "total", "invoice", "msgid",
        "requestid", "traceid", "sessionid", "reqid", "batch", "ticket", "sku", "goods", "product",
    ];

    private static readonly HashSet<string> NonPersonalExact = ["ts", "t", "id", "no", "num", "ver", "v", "seq", "sn", "code", "cnt", "idx", "index"];

    /// <summary>True when the normalized key names something that is not personal (timestamps, order numbers…).</summary>
    public static bool IsNonPersonal(string normKey)
    {
        if (normKey.Length == 0)
        {
            return false;
        }

        if (NonPersonalExact.Contains(normKey) || normKey.EndsWith("ts", StringComparison.Ordinal) && normKey.Length <= 6)
        {
            return true;
        }

        foreach (var part in NonPersonalParts)
        {
            if (normKey.Contains(part, StringComparison.Ordinal) && !(part == "count" && normKey.Contains("account", StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }
}
