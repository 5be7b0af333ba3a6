namespace DeviceWatch.Store.Session;

/// <summary>One finding row, shredded from findings.json.</summary>
/// <param name="Device">Device id.</param>
/// <param name="Rule">Rule id.</param>
/// <param name="DataType">Data type, or null.</param>
/// <param name="Destination">Destination, or null.</param>
/// <param name="Severity"><c>low</c>, <c>medium</c> or <c>high</c>.</param>
/// <param name="Measured">Measured value.</param>
/// <param name="Limit">Limit.</param>
/// <param name="Unit">Unit.</param>
/// <param name="Message">Message.</param>
/// <param name="EvidenceJson">The evidence array as JSON text.</param>
public sealed record StoredFinding(
    string Device, string Rule, string? DataType, string? Destination, string Severity,
    double? Measured, double? Limit, string? Unit, string Message, string EvidenceJson);
