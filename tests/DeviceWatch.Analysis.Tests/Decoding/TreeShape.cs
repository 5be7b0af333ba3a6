using DeviceWatch.Analysis.Decoding;

namespace DeviceWatch.Analysis.Tests.Decoding;

/// <summary>A decoded tree as one line per node (path, kind, key, text), for comparing two decodings.</summary>
internal static class TreeShape
{
    public static string[] Of(DecodedTree tree) =>
        tree.Nodes.Select(n => $"{tree.PathOf(n.Index)} {n.Kind} {n.Key} = {n.Text}").ToArray();
}
