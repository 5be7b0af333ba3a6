namespace DeviceWatch.Synth.Writing;

/// <summary>A packet writer backed by a capture file or stream.</summary>
public interface ICaptureWriter : IPacketWriter, IDisposable
{
    /// <summary>Frames written so far.</summary>
    long PacketCount { get; }

    /// <summary>File bytes produced so far (buffered bytes included).</summary>
    long BytesWritten { get; }

    /// <summary>Writes buffered bytes to the stream and flushes it.</summary>
    void Flush();
}
