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
            if (node.Kind is NodeKind.String or NodeKind.Number && !node.HasChildren && node.Text is { Length: >= 18 and <= 4096 } text
                && NationalIdNumber.Find(text) is { } id)
            {
                results.Add(new DetectedDatum(DataTypes.IdentityNationalId, node.Index, id));
            }
        }
    }
}
