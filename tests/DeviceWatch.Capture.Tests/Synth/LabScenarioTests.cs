using System.Security.Cryptography;
using DeviceWatch.Synth.Frames;
using DeviceWatch.Synth.Lab;
using DeviceWatch.Synth.Writing;

namespace DeviceWatch.Capture.Tests.Synth;

public sealed class LabScenarioTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMinutes(3);

    [Fact]
    public void Write_SameSeed_IdenticalBytes_OtherSeed_DifferentBytes()
    {
        Assert.Equal(Hash(LabScenario.SmallHome(4, duration: Short)), Hash(LabScenario.SmallHome(4, duration: Short)));
        Assert.NotEqual(Hash(LabScenario.SmallHome(4, duration: Short)), Hash(LabScenario.SmallHome(5, duration: Short)));
    }

    [Fact]
    public void Write_FramesAreInTimeOrderAndWithinScenario()
    {
        var timeline = new PacketTimeline();
        var scenario = LabScenario.SmallHome(duration: Short);
        var truth = scenario.Write(timeline);
        var packets = timeline.Ordered();
        Assert.Equal(truth.PacketCount, packets.Count);
        Assert.Equal(truth.Start, packets[0].Timestamp);
        Assert.Equal(truth.End, packets[^1].Timestamp);
        Assert.True(truth.Start >= scenario.Options.Start);
        Assert.True(truth.End < scenario.Options.Start + Short + TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void GroundTruth_SmallHome_NamesAndServicesPerDevice()
    {
        var truth = LabScenario.SmallHome(duration: TimeSpan.FromMinutes(10)).Write(new PacketTimeline());

        Assert.Equal(["api.kidwatch-cloud.example", "gps.kidwatch-cloud.example"], truth.NamesContactedBy("kids-watch-01"));
        Assert.Equal(["api.speaker-cloud.example", "mqtt.speaker-cloud.example"], truth.NamesContactedBy("smart-speaker-01"));
        Assert.Equal(["collect.adtrack-analytics.example", "www.videotube.example"], truth.NamesContactedBy("tablet-01"));
        var watch = truth.FlowCountsByService("kids-watch-01");
        Assert.Equal(20, watch["http"]);  // every 30 s from 08:00:06 to 08:10:00
        Assert.Equal(5, watch["tls"]);
        Assert.Equal(1, watch["dhcp"]);
        Assert.Equal(1, truth.FlowCountsByService("smart-speaker-01")["mqtt"]);
        Assert.Equal(1, truth.FlowCountsByService("smart-speaker-01")["mdns"]);
        Assert.Equal(truth.HttpRequests.Count, truth.FlowCountsByService()["http"]);
        Assert.Equal(5, truth.Devices.Count);
        Assert.Equal("192.168.50.100", truth.Devices[0].Address.ToString());
        Assert.All(truth.Flows.Where(f => f.Transport == "tcp"), f => Assert.True(f.ClientPackets >= 4 && f.ServerPackets >= 3));
    }

    [Fact]
    public void Devices_FirmwareSendsGpsTwiceAsOften_TwiceTheGpsRequests()
    {
        static int GpsPosts(TimeSpan interval)
        {
            var devices = LabScenario.SmallHomeDevices()
                .Select(d => d with
                {
                    Activities = d.Activities
                        .Select(a => a.Host == "gps.kidwatch-cloud.example" ? a with { Interval = interval } : a)
                        .ToArray(),
                })
                .ToArray();
            var truth = new LabScenario(LabScenario.SmallHomeOptions() with { Devices = devices }).Write(new PacketTimeline());
            return truth.HttpRequests.Count(r => r.Host == "gps.kidwatch-cloud.example");
        }

        Assert.Equal(2 * GpsPosts(TimeSpan.FromSeconds(30)), GpsPosts(TimeSpan.FromSeconds(15)));
    }

    [Fact]
    public void Templates_PrecisionPlaceholder_FormatsRequestedDecimals()
    {
        var device = new LabDevice
        {
            Id = "w",
            Mac = MacAddress.Parse("02:00:5e:10:00:09"),
            HostName = "w",
            Location = new GeoPoint(48.1, 11.5),
            Activities = [new HttpActivity { Host = "gps.example", BodyTemplate = "{\"lat\":{lat:2},\"lon\":{lon},\"s\":{seq},\"raw\":{}}", Interval = TimeSpan.FromSeconds(20) }],
        };
        var truth = new LabScenario(new LabScenarioOptions { Devices = [device], Duration = TimeSpan.FromMinutes(1) }).Write(new PacketTimeline());

        Assert.Equal(3, truth.HttpRequests.Count);
        Assert.All(truth.HttpRequests, r => Assert.Matches("""^\{"lat":48\.\d{2},"lon":11\.\d{6},"s":\d,"raw":\{\}\}$""", r.Body));
    }

    [Fact]
    public void Options_VlanId_TagsEveryFrame()
    {
        var options = LabScenario.SmallHomeOptions() with { VlanId = 50, Duration = TimeSpan.FromMinutes(1) };
        var timeline = new PacketTimeline();
        new LabScenario(options).Write(timeline);
        Assert.All(timeline.Ordered(), p => Assert.Equal([0x81, 0x00, 0x00, 0x32], p.Frame[12..16]));
    }

    [Fact]
    public void Constructor_UnknownPlaceholder_ThrowsNamingDevice()
    {
        var device = LabScenario.SmallHomeDevices()[0];
        var bad = device with { Activities = [new HttpActivity { Host = "gps.example", BodyTemplate = "{\"x\":{latitude}}" }] };
        var error = Assert.Throws<ArgumentException>(() => new LabScenario(new LabScenarioOptions { Devices = [bad] }));
        Assert.Contains("kids-watch-01", error.Message, StringComparison.Ordinal);
        Assert.Contains("{latitude}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_DuplicateMacOrZeroInterval_Throws()
    {
        var devices = LabScenario.SmallHomeDevices();
        Assert.Throws<ArgumentException>(() => new LabScenario(new LabScenarioOptions { Devices = [devices[0], devices[1] with { Mac = devices[0].Mac }] }));
        var zero = devices[0] with { Activities = [new HttpActivity { Host = "a.example", Interval = TimeSpan.Zero }] };
        Assert.Throws<ArgumentException>(() => new LabScenario(new LabScenarioOptions { Devices = [zero] }));
    }

    private static string Hash(LabScenario scenario)
    {
        using var stream = new MemoryStream();
        using (var writer = CaptureFile.Open(stream, CaptureFormat.PcapNg, leaveOpen: true))
        {
            scenario.Write(writer);
        }

        return Convert.ToHexString(SHA256.HashData(stream.ToArray()));
    }
}
