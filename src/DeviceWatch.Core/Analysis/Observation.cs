namespace DeviceWatch.Core.Analysis;

/// <summary>One personal datum found in a payload (or an opaque upload), written to <c>observations.jsonl</c>.</summary>
public sealed record Observation
{
    /// <summary>Time of the payload.</summary>
    public required DateTime Ts { get; init; }
    /// <summary>Flow identifier.</summary>
    public required string Uid { get; init; }
    /// <summary>Device id (profile id, else MAC).</summary>
    public required string Device { get; init; }
    /// <summary>Destination host name (else IP).</summary>
    public required string Destination { get; init; }
    /// <summary><c>first</c>, <c>third</c> or <c>unknown</c>.</summary>
    public string Party { get; init; } = "unknown";
    /// <summary>One of <see cref="DataTypes"/>.</summary>
    public required string DataType { get; init; }
    /// <summary>Field path inside the payload, e.g. <c>body:$.data.lat</c> or <c>url:?imei</c>.</summary>
    public required string Field { get; init; }
    /// <summary>Decoding chain, e.g. <c>base64&gt;gzip&gt;json</c>; for known values also the hash used.</summary>
    public string Encoding { get; init; } = "";
    /// <summary>Precision in metres where it applies (locations).</summary>
    public double? PrecisionM { get; init; }
    /// <summary>See <see cref="Transports"/>.</summary>
    public required string Transport { get; init; }
    /// <summary>The value as found (outputs mask it unless asked not to).</summary>
    public string? Value { get; init; }
    /// <summary>Bytes sent by the device (opaque observations).</summary>
    public long? BytesUp { get; init; }
    /// <summary>Bytes received by the device (opaque observations).</summary>
    public long? BytesDown { get; init; }
}
