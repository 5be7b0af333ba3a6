namespace DeviceWatch.Analysis.Rules;

/// <summary>Finding severity, ordered: <see cref="Low"/> &lt; <see cref="Medium"/> &lt; <see cref="High"/>.</summary>
public enum Severity
{
    /// <summary>Information or a minor excess.</summary>
    Low,
    /// <summary>A clear problem of the campaign's kind.</summary>
    Medium,
    /// <summary>A serious problem: sensitive data, large excess, or no rules at all.</summary>
    High,
}
