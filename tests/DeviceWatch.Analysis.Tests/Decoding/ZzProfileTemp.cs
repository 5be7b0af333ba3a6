using System.Diagnostics;
using System.Text;
using DeviceWatch.Analysis.Decoding;
using DeviceWatch.Analysis.Detection;
using DeviceWatch.Analysis.Observations;
using DeviceWatch.Analysis.Tests.Observations;
using Xunit.Abstractions;

namespace DeviceWatch.Analysis.Tests.Decoding;

public sealed class ZzProfileTemp(ITestOutputHelper output)
{
    [Fact]
    public void Profile()
    {
        var json = "{\"deviceId\":\"W123456\",\"ts\":1700000000000,\"fw\":\"2.3.1\",\"battery\":50,\"data\":{\"loc\":{\"lat\":39.123456,\"lng\":116.123456,\"acc\":10},\"hr\":70,\"steps\":1000,\"spo2\":97,\"wifi\":[{\"bssid\":\"3c:22:fb:12:34:56\",\"ssid\":\"home\",\"rssi\":-50},{\"bssid\":\"a4:5e:60:11:01:02\",\"ssid\":\"office\",\"rssi\":-60}],\"cell\":{\"mcc\":460,\"mnc\":0,\"lac\":100,\"cid\":200},\"status\":{\"charging\":false,\"signal\":3,\"temp\":30,\"mode\":\"normal\",\"seq\":1}}}";
        var p = TestPayloads.Http(json, "application/json", "/api/v1/report?v=2&sign=" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()));
        var n = 20000;
        Time("decode", n, () => PayloadDecoder.Decode(p, DecoderLimits.Default));
        var tree = PayloadDecoder.Decode(p, DecoderLimits.Default);
        foreach (var d in DetectorSet.All)
        {
            Time(d.GetType().Name, n, () => d.Detect(tree, new List<DetectedDatum>()));
        }

        var idx = KnownValueIndex.Build(new Dictionary<string, IReadOnlyList<string>> { ["id.imei"] = ["356938035643809"], ["id.mac"] = ["3C:22:FB:12:34:56"] });
        Time("known", n, () => idx.Search(tree, p, new List<DetectedDatum>()));
        var insp = new PayloadInspector();
        var ctx = DeviceInspectionContext.Anonymous("d");
        Time("inspect", n, () => insp.Inspect(p, ctx));
    }

    private void Time(string name, int n, Action a)
    {
        for (var i = 0; i < 1000; i++)
        {
            a();
        }

        var sw = Stopwatch.StartNew();
        for (var i = 0; i < n; i++)
        {
            a();
        }

        output.WriteLine($"{name,-28} {sw.Elapsed.TotalMicroseconds / n,8:F2} us");
    }
}
