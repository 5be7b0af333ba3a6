using DeviceWatch.Analysis.Observations;
using DeviceWatch.Core.Analysis;
using DeviceWatch.Core.Records;

namespace DeviceWatch.Analysis.Tests.Observations;

public sealed class ObservationStageTests
{
    private static ConnRecord Flow(string uid, string? service, bool encrypted, long up) => new()
    {
        Uid = uid, Ts = new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc), Proto = "tcp", OrigH = "10.0.0.2", OrigP = 40000,
        RespH = "203.0.113.5", RespP = 443, DeviceMac = "02:00:5e:10:00:01", Service = service, Encrypted = encrypted,
        OrigBytes = up, RespBytes = 99, State = "SF", ServerName = "cloud.example",
    };

    [Fact]
    public void Stage_PayloadAndUnreadTlsFlow_EmitsBoth()
    {
        var seen = new List<Observation>();
        var keys = new List<string>();
        var stage = new ObservationStage(k => { keys.Add(k); return DeviceInspectionContext.Anonymous("watch"); }, seen.Add);
        stage.OnPayload(TestPayloads.Http("{\"hr\":80}"));
        stage.OnFlowEnded(Flow("C9", "tls", encrypted: false, up: 1200));
        stage.Complete();
        Assert.Equal(2, seen.Count);
        var opaque = seen[1];
        Assert.Equal(DataTypes.Opaque, opaque.DataType);
        Assert.Equal("flow", opaque.Field);
        Assert.Equal("tls", opaque.Encoding);
        Assert.Equal(1200, opaque.BytesUp);
        Assert.Equal(99, opaque.BytesDown);
        Assert.Equal(Transports.Encrypted, opaque.Transport);
        Assert.Equal("cloud.example", opaque.Destination);
        Assert.Equal(["02:00:5e:10:00:01", "02:00:5e:10:00:01"], keys);
        Assert.Equal(2, stage.ObservationsEmitted);
    }

    [Fact]
    public void Stage_TlsFlowWhosePayloadsWereRead_NoOpaque()
    {
        var seen = new List<Observation>();
        var stage = new ObservationStage(_ => DeviceInspectionContext.Anonymous("watch"), seen.Add);
        stage.OnPayload(TestPayloads.Http("{}") with { FlowUid = "C9", Transport = Transports.TlsIntercepted });
        stage.OnFlowEnded(Flow("C9", "tls", encrypted: false, up: 1200));
        Assert.Empty(seen);
    }

    [Theory]
    [InlineData("http", false, 500, false)]
    [InlineData("tls", false, 0, false)]
    [InlineData(null, true, 10, true)]
    [InlineData("quic", false, 10, true)]
    public void Factory_Flows_OpaqueOnlyWhenUnreadableWithUpload(string? service, bool encrypted, long up, bool expected)
    {
        var o = OpaqueObservationFactory.TryCreate(Flow("C1", service, encrypted, up), DeviceInspectionContext.Anonymous("d"));
        Assert.Equal(expected, o is not null);
    }
}
