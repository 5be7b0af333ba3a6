using DeviceWatch.Capture.Reassembly;

namespace DeviceWatch.Capture.Tests.Reassembly;

/// <summary>Records what a <see cref="TcpStreamReassembler"/> delivers: the bytes, the gaps and where each chunk lies in the stream.</summary>
internal sealed class RecordingStreamOutput : ITcpStreamOutput
{
    private readonly List<byte> _data = [];

    /// <summary>"data:N" and "gap:N" in call order.</summary>
    public List<string> Events { get; } = [];

    /// <summary>Each delivered chunk with its stream offset (delivered plus missed bytes before it).</summary>
    public List<(long Offset, byte[] Bytes)> Chunks { get; } = [];

    /// <summary>Stream offset after everything delivered or skipped so far.</summary>
    public long Position { get; private set; }

    public byte[] Data => [.. _data];

    public string Text => System.Text.Encoding.ASCII.GetString(Data);

    public void OnData(ReadOnlySpan<byte> data)
    {
        Assert.False(data.IsEmpty, "OnData must not be called with no bytes");
        Chunks.Add((Position, data.ToArray()));
        _data.AddRange(data);
        Events.Add($"data:{data.Length}");
        Position += data.Length;
    }

    public void OnGap(long missingBytes)
    {
        Assert.True(missingBytes > 0, "OnGap must report a positive length");
        Events.Add($"gap:{missingBytes}");
        Position += missingBytes;
    }
}
