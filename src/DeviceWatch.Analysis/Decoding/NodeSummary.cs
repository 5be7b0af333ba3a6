using DeviceWatch.Analysis.Detection;

namespace DeviceWatch.Analysis.Decoding;

/// <summary>What <see cref="DecodedTree"/> knows about the nodes below one node, filled by its summary pass.</summary>
internal struct NodeSummary
{
    /// <summary>The union of the traits of the direct children.</summary>
    public KeyTraits ChildTraits;

    /// <summary>The union of the traits of every node below.</summary>
    public KeyTraits DescendantTraits;

    /// <summary>The number of direct children.</summary>
    public int Items;
}
