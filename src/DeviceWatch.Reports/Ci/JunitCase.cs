using DeviceWatch.Reports.Model;

namespace DeviceWatch.Reports.Ci;

/// <summary>One JUnit test case: a rule checked for one data type (or the device), with the finding it produced, if any.</summary>
internal sealed record JunitCase(string Rule, string? DataType, string? Destination, ReportFinding? Finding, int Occurrence = 1)
{
    /// <summary>Unique within the device: rule, data type, destination when split, and a number for a repeated finding.</summary>
    public string Name =>
        Rule + (DataType is null ? "" : " " + DataType) + (Destination is null ? "" : " → " + Destination) +
        (Occurrence > 1 ? $" ({Occurrence})" : "");
}
