using System.Text;
using System.Text.Json;
using DeviceWatch.Analysis.Rules;

namespace DeviceWatch.Reports.Tests;

public sealed class FindingsDocumentTests
{
    [Fact]
    public void Serialize_Twice_IsByteIdentical()
    {
        var first = FindingsJson.Serialize(SmallLab.Run(SmallLab.Profiles()));
        var second = FindingsJson.Serialize(SmallLab.Run(SmallLab.Profiles()));
        Assert.Equal(first, second);
        Assert.Equal(first, FindingsJson.Serialize(SmallLab.Run(SmallLab.Profiles())));
    }

    [Fact]
    public void Serialize_ShuffledInput_IsByteIdentical()
    {
        var profiles = SmallLab.Profiles();
        var expected = FindingsJson.Serialize(SmallLab.Run(profiles));
        var shuffled = SmallLab.Observations().OrderBy(o => o.Uid.GetHashCode(StringComparison.Ordinal) ^ 0x5bd1e995).ToArray();
        var doc = AnalysisSession.Run(profiles, shuffled, SmallLab.Flows().Reverse(), SmallLab.Devices.Reverse(), SmallLab.Tls().Reverse(), SmallLab.Captures);
        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(FindingsJson.Serialize(doc)));
    }

    [Fact]
    public void Serialize_SmallLab_MatchesGoldenFile()
    {
        var actual = Encoding.UTF8.GetString(FindingsJson.Serialize(SmallLab.Run(SmallLab.Profiles())));
        var path = Path.Combine(SmallLab.GoldenDir(), "small-lab.findings.json");
        if (Environment.GetEnvironmentVariable("DW_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.Equal(File.ReadAllText(path), actual);
    }

    [Fact]
    public void Serialize_UsesContractFieldNames()
    {
        using var json = JsonDocument.Parse(FindingsJson.Serialize(SmallLab.Run(SmallLab.Profiles())));
        var root = json.RootElement;
        Assert.Equal("DeviceWatch 0.1.0", root.GetProperty("generator").GetString());
        Assert.Equal(SmallLab.Captures, root.GetProperty("captures").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("2026-03-01T08:00:00.000000Z", root.GetProperty("start").GetString());
        var device = root.GetProperty("devices")[0];
        foreach (var name in new[] { "id", "mac", "category", "destinations", "observations", "findings" })
        {
            Assert.True(device.TryGetProperty(name, out _), name);
        }

        foreach (var name in new[] { "host", "party", "flows", "bytes_up", "bytes_down", "encrypted" })
        {
            Assert.True(device.GetProperty("destinations")[0].TryGetProperty(name, out _), name);
        }

        foreach (var name in new[] { "data_type", "destination", "count", "first", "last", "per_hour_max", "median_interval_s", "finest_precision_m", "longest_span_s", "phases", "transport" })
        {
            Assert.True(device.GetProperty("observations")[0].TryGetProperty(name, out _), name);
        }

        foreach (var name in new[] { "rule", "data_type", "destination", "severity", "measured", "limit", "unit", "message", "evidence" })
        {
            Assert.True(device.GetProperty("findings")[0].TryGetProperty(name, out _), name);
        }

        var evidence = device.GetProperty("findings")[0].GetProperty("evidence")[0];
        Assert.Equal(["ts", "uid", "field"], evidence.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Run_SmallLab_WellBehavedDeviceHasNoFindingsAndOthersDo()
    {
        var doc = SmallLab.Run(SmallLab.Profiles());
        Assert.Equal(["02:00:5e:10:00:09", "kids-watch-01", "lock-01"], doc.Devices.Select(d => d.Id));
        var lockDevice = doc.Devices.Single(d => d.Id == "lock-01");
        Assert.Empty(lockDevice.Findings);
        Assert.NotEmpty(lockDevice.Observations);

        var watch = doc.Devices.Single(d => d.Id == "kids-watch-01");
        var rules = watch.Findings.Select(f => f.Rule).Distinct().ToHashSet();
        foreach (var rule in new[]
                 {
                     RuleIds.Undeclared, RuleIds.NonNecessary, RuleIds.HighFrequency, RuleIds.HighPrecision, RuleIds.LongDuration,
                     RuleIds.BackgroundNoNotice, RuleIds.Cleartext, RuleIds.ThirdParty, RuleIds.AcceptsUntrusted, RuleIds.Pinned,
                 })
        {
            Assert.Contains(rule, rules);
        }

        Assert.All(watch.Findings, f => Assert.InRange(f.Evidence.Count, 1, 5));

        var sensor = doc.Devices.Single(d => d.Id == "02:00:5e:10:00:09");
        Assert.True(sensor.FirstPartyInferred);
        Assert.Equal(["iot-vendor.example"], sensor.FirstParty);
        Assert.Equal([RuleIds.ThirdParty, RuleIds.Cleartext, RuleIds.Cleartext], sensor.Findings.Select(f => f.Rule).Order(StringComparer.Ordinal));
        Assert.True(FindingGate.ShouldFail(doc, Severity.High));
    }
}
