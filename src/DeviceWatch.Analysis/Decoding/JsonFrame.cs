namespace DeviceWatch.Analysis.Decoding;

/// <summary>One open object or array while <see cref="JsonDecoder"/> reads a document: its node, items so far, whether it is an array.</summary>
internal struct JsonFrame
{
    /// <summary>Index of the container's node.</summary>
    public int Node;

    /// <summary>Items added to an array so far (the next item's index).</summary>
    public int Items;

    /// <summary>True for an array, false for an object.</summary>
    public bool IsArray;
}
