using DeviceWatch.Analysis.Decoding;

namespace DeviceWatch.Analysis.Detection;

/// <summary>A detector for one family of data types; it looks at decoded nodes, never at raw bodies.</summary>
internal interface IDetector
{
    /// <summary>Adds what it finds in <paramref name="tree"/> to <paramref name="results"/>.</summary>
    void Detect(DecodedTree tree, List<DetectedDatum> results);
}
