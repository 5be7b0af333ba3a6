namespace DeviceWatch.Analysis.Rules;

/// <summary>Names of <see cref="Severity"/> values (<c>low</c>, <c>medium</c>, <c>high</c>).</summary>
public static class Severities
{
    /// <summary>The output name.</summary>
    public static string Name(Severity severity) => severity switch
    {
        Severity.High => "high",
        Severity.Medium => "medium",
        _ => "low",
    };

    /// <summary>Parses <c>low</c>, <c>medium</c> or <c>high</c> (as given to <c>--fail-on</c>).</summary>
    public static bool TryParse(string? text, out Severity severity)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "low":
                severity = Severity.Low;
                return true;
            case "medium":
                severity = Severity.Medium;
                return true;
            case "high":
                severity = Severity.High;
                return true;
            default:
                severity = Severity.Low;
                return false;
        }
    }

    /// <summary>One level higher, capped at <see cref="Severity.High"/>.</summary>
    public static Severity Raise(Severity severity) => severity == Severity.High ? Severity.High : severity + 1;
}
