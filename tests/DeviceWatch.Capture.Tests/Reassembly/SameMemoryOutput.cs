using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DeviceWatch.Capture.Reassembly;

namespace DeviceWatch.Capture.Tests.Reassembly;

/// <summary>Checks that every delivered span is the caller's own memory (no copy).</summary>
internal sealed class SameMemoryOutput : ITcpStreamOutput
{
    public byte[] Expected { get; set; } = [];

    public int Calls { get; private set; }

    public bool AllSame { get; private set; } = true;

    public void OnData(ReadOnlySpan<byte> data)
    {
        Calls++;
        AllSame &= Unsafe.AreSame(
            ref MemoryMarshal.GetReference(data), ref MemoryMarshal.GetArrayDataReference(Expected));
    }

    public void OnGap(long missingBytes) => AllSame = false;
}
