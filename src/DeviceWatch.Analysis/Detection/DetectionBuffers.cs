namespace DeviceWatch.Analysis.Detection;

/// <summary>
/// Reusable lists that hold the findings of detectors sharing one pass over the nodes until they are appended in
/// the fixed detector order (see <see cref="DetectorSet"/>).
/// </summary>
internal sealed class DetectionBuffers
{
    /// <summary>Contact findings of the shared leaf pass.</summary>
    public List<DetectedDatum> Contacts { get; } = new(4);

    /// <summary>National-id findings of the shared leaf pass.</summary>
    public List<DetectedDatum> NationalIds { get; } = new(4);
}
