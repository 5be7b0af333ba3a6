namespace DeviceWatch.Analysis.Rules;

/// <summary>The <c>--fail-on</c> decision: exit code 3 when a finding at or above the threshold exists.</summary>
public static class FindingGate
{
    /// <summary>The exit code for "done, and a finding at or above <c>--fail-on</c> exists".</summary>
    public const int FailExitCode = 3;

    /// <summary>True when any finding has severity at or above <paramref name="threshold"/>.</summary>
    public static bool ShouldFail(IEnumerable<Finding> findings, Severity threshold) => findings.Any(f => f.Severity >= threshold);

    /// <summary>True when any finding of the document has severity at or above <paramref name="threshold"/>.</summary>
    public static bool ShouldFail(FindingsDocument document, Severity threshold) => ShouldFail(document.AllFindings, threshold);

    /// <summary>The highest severity, or null without findings.</summary>
    public static Severity? Highest(IEnumerable<Finding> findings) =>
        findings.Select(f => (Severity?)f.Severity).DefaultIfEmpty(null).Max();
}
