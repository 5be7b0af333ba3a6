using CsCheck;
using DeviceWatch.Dissect.Common;
using DeviceWatch.Dissect.Mqtt;
using DeviceWatch.Dissect.Tests.Tls;

namespace DeviceWatch.Dissect.Tests.Mqtt;

public sealed class MqttFuzzTests
{
    private static readonly DissectorLimits s_limits = new() { MaxBodyCapture = 8 * 1024, MaxMqttPacket = 64 * 1024 };

    /// <summary>Buffers grow only with bytes that arrived (inputs here are at most a few KB), so this is generous.</summary>
    private const long AllocationBound = 512 * 1024;

    private static readonly Segment[][] s_captures = MqttCaptureCase.All.Select(c => c.Segments).ToArray();

    [Fact]
    public void OnData_MutatedRealConnections_NoExceptionAndBoundedMemory() =>
        FuzzFeed.Mutated(s_captures).Sample(
            segments => FuzzFeed.FeedAndMeasure(new MqttStreamDissector(s_limits), segments) < AllocationBound,
            iter: 1500);

    [Fact]
    public void OnData_RandomBytes_NoExceptionAndBoundedMemory() =>
        FuzzFeed.Random(Gen.Byte).Sample(
            segments => FuzzFeed.FeedAndMeasure(new MqttStreamDissector(s_limits), segments) < AllocationBound,
            iter: 1500);

    [Fact]
    public void OnData_HugeDeclaredLengthsWithoutData_AllocatesLittle()
    {
        // PUBLISH declaring 268 MB and a SUBSCRIBE declaring 60 KB: nothing is allocated for bytes that never came.
        var segments = new[]
        {
            new Segment(true, "32ffffff7f0003612f62000100"),
            new Segment(false, "82ffd90300010003612f6200"),
        };
        Assert.True(FuzzFeed.FeedAndMeasure(new MqttStreamDissector(s_limits), segments) < 64 * 1024);
    }

    [Fact]
    public void Probe_RandomBytes_NeverThrows() =>
        Gen.Byte.Array[0, 40].Sample(bytes => Enum.IsDefined(MqttStreamDissector.Probe(bytes)), iter: 5000);
}
