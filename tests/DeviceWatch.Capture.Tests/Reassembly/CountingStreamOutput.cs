using DeviceWatch.Capture.Reassembly;

namespace DeviceWatch.Capture.Tests.Reassembly;

/// <summary>An output that allocates nothing: it only sums what it receives.</summary>
internal sealed class CountingStreamOutput : ITcpStreamOutput
{
    public long Bytes { get; private set; }

    public long ByteSum { get; private set; }

    public long Gap { get; private set; }

    public void OnData(ReadOnlySpan<byte> data)
    {
        Bytes += data.Length;
        foreach (byte b in data)
        {
            ByteSum += b;
        }
    }

    public void OnGap(long missingBytes) => Gap += missingBytes;
}
