using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace DeviceWatch.Store.Jsonl;

/// <summary>One JSON-lines output file: one compact JSON object per line, buffered, flushed on dispose.</summary>
/// <typeparam name="T">The record type.</typeparam>
public sealed class JsonlFile<T> : IDisposable
{
    private static readonly byte[] NewLine = [(byte)'\n'];
    private readonly Stream _stream;
    private readonly ArrayBufferWriter<byte> _line = new(1024);
    private readonly Utf8JsonWriter _writer;
    private readonly JsonTypeInfo<T> _typeInfo;

    /// <summary>Creates (truncates) <paramref name="path"/>.</summary>
    public JsonlFile(string path, JsonTypeInfo<T> typeInfo)
    {
        Path = path;
        _typeInfo = typeInfo;
        _stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        _writer = new Utf8JsonWriter(_line, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });
    }

    /// <summary>The file written.</summary>
    public string Path { get; }

    /// <summary>Records written.</summary>
    public long Count { get; private set; }

    /// <summary>The JSON of the record written last (without the line end), valid until the next write.</summary>
    public ReadOnlyMemory<byte> LastLine => _line.WrittenMemory;

    /// <summary>Appends one record as a line.</summary>
    public void Write(T record)
    {
        _line.ResetWrittenCount();
        _writer.Reset(_line);
        JsonSerializer.Serialize(_writer, record, _typeInfo);
        _writer.Flush();
        _stream.Write(_line.WrittenSpan);
        _stream.Write(NewLine);
        Count++;
    }

    /// <summary>Pushes buffered lines to the file.</summary>
    public void Flush() => _stream.Flush();

    /// <inheritdoc />
    public void Dispose()
    {
        _writer.Dispose();
        _stream.Dispose();
    }
}
