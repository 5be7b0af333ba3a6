namespace DeviceWatch.Capture.Reading;

/// <summary>A capture file cannot be read (missing, not a capture, corrupt, unsupported link type).</summary>
public sealed class CaptureInputException : Exception
{
    /// <summary>Creates the exception; the message names the file and, where known, the record or byte offset.</summary>
    public CaptureInputException(string path, string problem, long? record = null, long? byteOffset = null)
        : base(Describe(path, problem, record, byteOffset))
    {
        Path = path;
        Record = record;
        ByteOffset = byteOffset;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>1-based record number where reading failed.</summary>
    public long? Record { get; }

    /// <summary>Byte offset where reading failed.</summary>
    public long? ByteOffset { get; }

    private static string Describe(string path, string problem, long? record, long? byteOffset)
    {
        var where = record is null ? "" : $" at record {record}";
        where += byteOffset is null ? "" : $" (byte offset {byteOffset})";
        return $"{path}{where}: {problem}";
    }
}
