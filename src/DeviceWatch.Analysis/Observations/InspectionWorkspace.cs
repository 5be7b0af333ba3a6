using DeviceWatch.Analysis.Decoding;
using DeviceWatch.Analysis.Detection;

namespace DeviceWatch.Analysis.Observations;

/// <summary>
/// The reusable working memory of one <see cref="PayloadInspector.Inspect"/> call: the decoded tree (its node
/// objects and member-name table survive from one payload to the next) and the list detectors fill.
/// </summary>
internal sealed class InspectionWorkspace
{
    public InspectionWorkspace(DecoderLimits limits)
    {
        Tree = new DecodedTree(limits);
        Content = new ContentDecoder(Tree);
    }

    /// <summary>The tree payloads are decoded into.</summary>
    public DecodedTree Tree { get; }

    /// <summary>The decoder bound to <see cref="Tree"/>.</summary>
    public ContentDecoder Content { get; }

    /// <summary>What the detectors found in the current payload.</summary>
    public List<DetectedDatum> Data { get; } = new(16);

    /// <summary>Working lists of the detectors.</summary>
    public DetectionBuffers Buffers { get; } = new();

    /// <summary>(data type, field) pairs already reported for the current payload (used for larger result sets).</summary>
    public HashSet<(string, string)> Seen { get; } = [];

    /// <summary>The known values the <see cref="LastIndex"/> was looked up for (a device's payloads come in runs).</summary>
    public object? LastKnownValues { get; set; }

    /// <summary>The known-value index of <see cref="LastKnownValues"/>.</summary>
    public KnownValueIndex? LastIndex { get; set; }
}
