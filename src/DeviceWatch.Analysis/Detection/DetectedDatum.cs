namespace DeviceWatch.Analysis.Detection;

/// <summary>One personal datum found by a detector: the node it sits at, the value as found, and its precision.</summary>
/// <param name="DataType">A contract data type.</param>
/// <param name="Node">Index of the node in the decoded tree the datum is reported at.</param>
/// <param name="Value">The raw value (for structures a compact summary).</param>
/// <param name="PrecisionM">Precision in metres (locations).</param>
/// <param name="EncodingSuffix">Extra encoding step after the node's chain (known values: <c>md5(lower)</c>).</param>
/// <param name="Field">A field path that overrides the node's path (raw body hits).</param>
/// <remarks>A class on purpose: as a 56-byte record struct it saved its allocation but cost JSON payloads about 8 % in copies.</remarks>
internal sealed record DetectedDatum(string DataType, int Node, string Value, double? PrecisionM = null, string? EncodingSuffix = null,
    string? Field = null);
