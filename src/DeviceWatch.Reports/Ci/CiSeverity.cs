namespace DeviceWatch.Reports.Ci;

/// <summary>Severity names of findings.json (<c>low</c> &lt; <c>medium</c> &lt; <c>high</c>) as ranks.</summary>
internal static class CiSeverity
{
    /// <summary>0 low, 1 medium, 2 high; <see cref="ArgumentException"/> for another name.</summary>
    public static int Parse(string threshold) => threshold.Trim().ToLowerInvariant() switch
    {
        "low" => 0,
        "medium" => 1,
        "high" => 2,
        _ => throw new ArgumentException($"'{threshold}' is not low, medium or high", nameof(threshold)),
    };

    /// <summary>The rank of a finding's severity (unknown names rank as low).</summary>
    public static int Rank(string severity) => severity switch
    {
        "high" => 2,
        "medium" => 1,
        _ => 0,
    };
}
