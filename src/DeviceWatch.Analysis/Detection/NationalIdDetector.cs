using DeviceWatch.Analysis.Decoding;
using DeviceWatch.Core.Analysis;

namespace DeviceWatch.Analysis.Detection;

/// <summary>Finds resident identity numbers (GB 11643) in any text or number value, validated by region, birth date and check digit.</summary>
internal sealed class NationalIdDetector : IDetector
{
    public void Detect(DecodedTree tree, List<DetectedDatum> results)
    {
        foreach (var node in tree.Nodes)
        {
            Visit(node, results);
        }
    }

    /// <summary>Looks at one node (no state between nodes).</summary>
    public static void Visit(DecodedNode node, List<DetectedDatum> results)
    {
        // A number written without spaces is searched only when long enough (a pending float has at most 15 characters).
        if (node.Kind is NodeKind.String or NodeKind.Number && !node.HasChildren
            && !(node.HasPlainNumberText && (node.IsPendingFloat || node.TextLength < 18))
            && node.Text is { Length: >= 18 and <= 4096 } text
            && NationalIdNumber.Find(text) is { } id)
        {
            results.Add(new DetectedDatum(DataTypes.IdentityNationalId, node.Index, id));
        }
    }
}
