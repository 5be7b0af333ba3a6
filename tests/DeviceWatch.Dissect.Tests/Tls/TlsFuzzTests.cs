using CsCheck;
using DeviceWatch.Dissect.Common;
using DeviceWatch.Dissect.Tls;

namespace DeviceWatch.Dissect.Tests.Tls;

public sealed class TlsFuzzTests
{
    private static readonly DissectorLimits s_limits = new() { MaxTlsHandshake = 16 * 1024 };

    /// <summary>The hello buffer (at most MaxTlsHandshake) plus parsed lists and strings stay well under this.</summary>
    private const long AllocationBound = 16 * 1024 * 4 + 256 * 1024;

    private static readonly Segment[][] s_captures = TlsCaptureCase.All
        .Where(c => c.Segments.Sum(s => s.Bytes.Length) < 8000)
        .Select(c => c.Segments)
        .ToArray();

    [Fact]
    public void OnData_MutatedRealHandshakes_NoExceptionAndBoundedMemory() =>
        FuzzFeed.Mutated(s_captures).Sample(
            segments => FuzzFeed.FeedAndMeasure(new TlsHelloDissector(s_limits), segments) < AllocationBound,
            iter: 1500);

    [Fact]
    public void OnData_RandomBytesAfterHandshakeByte_NoExceptionAndBoundedMemory() =>
        FuzzFeed.Random(Gen.Const((byte)22)).Sample(
            segments => FuzzFeed.FeedAndMeasure(new TlsHelloDissector(s_limits), segments) < AllocationBound,
            iter: 1500);

    [Fact]
    public void Probe_RandomBytes_NeverThrows() =>
        Gen.Byte.Array[0, 40].Sample(bytes => Enum.IsDefined(TlsHelloDissector.Probe(bytes)), iter: 5000);
}
