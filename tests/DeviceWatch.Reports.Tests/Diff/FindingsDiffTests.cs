using CsCheck;
using DeviceWatch.Reports.Diff;
using DeviceWatch.Reports.Model;
using static DeviceWatch.Reports.Tests.Diff.DiffSamples;

namespace DeviceWatch.Reports.Tests.Diff;

public sealed class FindingsDiffTests
{
    private const string Gps = "gps.tracker-cloud.example";

    [Fact]
    public void Compute_SameDocument_IsEmpty()
    {
        var lab = SmallLab();
        var diff = Compute(lab, SmallLab());
        Assert.True(diff.IsEmpty);
        Assert.Equal(0, diff.RegressionCount);
        Assert.Equal(lab.Devices.Select(d => d.Id), diff.Devices.Select(d => d.Id));
        Assert.Empty(diff.DevicesAdded);
        Assert.Empty(diff.DevicesRemoved);
    }

    [Fact]
    public void Compute_StricterProfiles_ReportsOnlyFindingAndPartyChanges()
    {
        // Same traffic, other profiles (the sensor gets a profile id, so it is matched by MAC): destinations,
        // data types and metrics stay; findings (and the sensor's declared first party) change.
        var before = SmallLab();
        var after = SmallLab("profiles-strict");
        var diff = Compute(before, after);
        Assert.Equal(3, diff.Devices.Count);
        Assert.Contains(diff.Devices, d => d.BeforeId == Tests.SmallLab.SensorMac);
        Assert.True(diff.RegressionCount > 0);
        foreach (var d in diff.Devices)
        {
            Assert.Empty(d.DataTypesAdded);
            Assert.Empty(d.DataTypesRemoved);
            Assert.Empty(d.MetricChanges);
            Assert.Empty(d.DestinationsAdded);
            Assert.Empty(d.DestinationsRemoved);
            var b = before.Devices.Single(x => x.Mac == d.Mac);
            var a = after.Devices.Single(x => x.Id == d.Id);
            Assert.Equal(Excess(a, b), d.FindingsAdded.Count);
            Assert.Equal(Excess(b, a), d.FindingsRemoved.Count);
        }
    }

    [Fact]
    public void Compute_AddedThirdPartyDestination_IsRegression()
    {
        var before = Doc(Tracker());
        var after = Doc(Tracker(destinations: [Destination(Gps, "first"), Destination("collect.analytics.example", "third"), Destination("192.168.1.1", "local")]));
        var device = Assert.Single(Compute(before, after).Devices);
        Assert.Equal(
            [new DestinationChange("192.168.1.1", "local", false), new DestinationChange("collect.analytics.example", "third", true)],
            device.DestinationsAdded);
        Assert.Equal(1, device.RegressionCount);
        Assert.Equal(2, device.ChangeCount);
    }

    [Fact]
    public void Compute_RemovedDestination_IsNotRegression()
    {
        var before = Doc(Tracker(destinations: [Destination(Gps, "first"), Destination("collect.analytics.example", "third")]));
        var diff = Compute(before, Doc(Tracker()));
        var device = Assert.Single(diff.Devices);
        Assert.Equal([new DestinationChange("collect.analytics.example", "third", false)], device.DestinationsRemoved);
        Assert.Equal(0, diff.RegressionCount);
        Assert.False(diff.IsEmpty);
    }

    [Fact]
    public void Compute_DestinationBecomesThirdParty_IsRegression()
    {
        var before = Doc(Tracker(destinations: [Destination(Gps, "first")]));
        var after = Doc(Tracker(destinations: [Destination(Gps, "third")]));
        var device = Assert.Single(Compute(before, after).Devices);
        Assert.Equal([new PartyChange(Gps, "first", "third", true)], device.PartyChanges);
        Assert.Equal(1, device.RegressionCount);
    }

    [Theory]
    [InlineData("location.wifi", true)]
    [InlineData("id.mac", true)]
    [InlineData("opaque", false)]
    public void Compute_AddedDataType_IsRegressionUnlessOpaque(string dataType, bool regression)
    {
        var before = Doc(Tracker());
        var after = Doc(Tracker(observations: [DiffSamples.Gps(), Observation(dataType, Gps)]));
        var device = Assert.Single(Compute(before, after).Devices);
        var added = Assert.Single(device.DataTypesAdded);
        Assert.Equal((dataType, Gps, "first", regression), (added.DataType, added.Destination, added.Party, added.Regression));
        Assert.Equal(regression ? 1 : 0, device.RegressionCount);
    }

    [Fact]
    public void Compute_SameDataTypeToNewDestination_IsAddedPerDestination()
    {
        var before = Doc(Tracker());
        var after = Doc(Tracker(observations: [DiffSamples.Gps(), DiffSamples.Gps(destination: "maps.tracker-cloud.example")]));
        var device = Assert.Single(Compute(before, after).Devices);
        Assert.Equal("maps.tracker-cloud.example", Assert.Single(device.DataTypesAdded).Destination);
        Assert.Empty(device.MetricChanges);
    }

    [Fact]
    public void Compute_RemovedDataType_IsReported()
    {
        var before = Doc(Tracker(observations: [DiffSamples.Gps(), Observation("location.wifi", Gps)]));
        var device = Assert.Single(Compute(before, Doc(Tracker())).Devices);
        Assert.Equal("location.wifi", Assert.Single(device.DataTypesRemoved).DataType);
        Assert.Equal(0, device.RegressionCount);
    }

    [Theory]
    [InlineData(30, 33, false)]   // +10%: within the default tolerance
    [InlineData(30, 34, true)]    // +13%
    [InlineData(30, 27, false)]   // −10%
    [InlineData(30, 26, true)]    // −13%
    [InlineData(30, 60, true)]
    [InlineData(0, 0, false)]
    [InlineData(0, 1, true)]
    public void Compute_PerHourMax_ReportedBeyondTolerance(long before, long after, bool reported)
    {
        var diff = Compute(Doc(Tracker(observations: [DiffSamples.Gps(perHour: before)])), Doc(Tracker(observations: [DiffSamples.Gps(perHour: after)])));
        var changes = Assert.Single(diff.Devices).MetricChanges;
        if (!reported)
        {
            Assert.Empty(changes);
            return;
        }

        var change = Assert.Single(changes);
        Assert.Equal((FindingsDiff.PerHourMax, (double?)before, (double?)after, after > before), (change.Metric, change.Before, change.After, change.Worse));
        Assert.Equal(before == 0 ? null : (after - before) / (double)before, change.RelativeChange);
    }

    [Fact]
    public void Compute_Tolerance_IsConfigurable()
    {
        var before = Doc(Tracker(observations: [DiffSamples.Gps(perHour: 30)]));
        var after = Doc(Tracker(observations: [DiffSamples.Gps(perHour: 45)]));
        Assert.Single(Compute(before, after, tolerance: 0.10).Devices[0].MetricChanges);
        Assert.Empty(Compute(before, after, tolerance: 0.50).Devices[0].MetricChanges);
        Assert.Single(Compute(before, Doc(Tracker(observations: [DiffSamples.Gps(perHour: 31)])), tolerance: 0).Devices[0].MetricChanges);
    }

    [Theory]
    [InlineData(11.1, 0.11, true)]    // finer: worse
    [InlineData(0.11, 11.1, false)]   // coarser: better
    [InlineData(null, 5.0, true)]     // a precision where there was none
    [InlineData(5.0, null, false)]
    public void Compute_FinestPrecision_FinerIsWorse(double? before, double? after, bool worse)
    {
        var diff = Compute(Doc(Tracker(observations: [DiffSamples.Gps(precision: before)])), Doc(Tracker(observations: [DiffSamples.Gps(precision: after)])));
        var change = Assert.Single(Assert.Single(diff.Devices).MetricChanges);
        Assert.Equal((FindingsDiff.FinestPrecisionM, worse), (change.Metric, change.Worse));
        Assert.Equal(before is null || after is null, change.RelativeChange is null);
    }

    [Fact]
    public void Compute_LongestSpan_LongerIsWorse()
    {
        var diff = Compute(Doc(Tracker(observations: [DiffSamples.Gps(span: 3600)])), Doc(Tracker(observations: [DiffSamples.Gps(span: 7200)])));
        var change = Assert.Single(Assert.Single(diff.Devices).MetricChanges);
        Assert.Equal((FindingsDiff.LongestSpanS, 1.0, true), (change.Metric, change.RelativeChange, change.Worse));
        Assert.Equal(0, diff.RegressionCount);
    }

    [Fact]
    public void Compute_Findings_AddedRemovedAndSeverityChanged()
    {
        var before = Doc(Tracker(findings:
        [
            Finding("item3.high-frequency", "location.gps", Gps, "medium"),
            Finding("transport.cleartext", "location.gps", Gps),
            Finding("item3.no-rules", null, null),
        ]));
        var after = Doc(Tracker(findings:
        [
            Finding("item3.high-frequency", "location.gps", Gps, "high"),
            Finding("transport.cleartext", "location.gps", Gps),
            Finding("item3.high-precision", "location.gps", Gps),
        ]));
        var device = Assert.Single(Compute(before, after).Devices);
        Assert.Equal(("item3.high-precision", "location.gps", true), Single(device.FindingsAdded));
        Assert.Equal(("item3.no-rules", (string?)null, false), Single(device.FindingsRemoved));
        Assert.Equal([new SeverityChange("item3.high-frequency", "location.gps", Gps, "medium", "high")], device.SeverityChanges);
        Assert.Equal(1, device.RegressionCount);
        Assert.Equal(3, device.ChangeCount);
    }

    [Fact]
    public void Compute_SameFindingAtAnotherDestination_IsAddedAndRemoved()
    {
        var before = Doc(Tracker(findings: [Finding("party.third-party", "id.mac", "a.example")]));
        var after = Doc(Tracker(findings: [Finding("party.third-party", "id.mac", "b.example")]));
        var device = Assert.Single(Compute(before, after).Devices);
        Assert.Equal("b.example", Assert.Single(device.FindingsAdded).Destination);
        Assert.Equal("a.example", Assert.Single(device.FindingsRemoved).Destination);
    }

    [Fact]
    public void Compute_DuplicateFindingKeys_CountedOnce()
    {
        var one = Finding("item3.background-no-notice", "location.gps", Gps);
        var diff = Compute(Doc(Tracker(findings: [one])), Doc(Tracker(findings: [one, one with { Message = "function-off" }])));
        Assert.Single(Assert.Single(diff.Devices).FindingsAdded);
    }

    [Fact]
    public void Compute_DeviceIdentifiedByProfileOnOneSideOnly_MatchedByMac()
    {
        var before = Doc(Tracker(id: "02:00:5e:20:00:01") with { Category = null, Profile = null });
        var after = Doc(Tracker());
        var device = Assert.Single(Compute(before, after).Devices);
        Assert.Equal(("tracker-01", "02:00:5e:20:00:01"), (device.Id, device.BeforeId));
    }

    [Fact]
    public void Compute_DevicesOnOneSide_ListedNotCompared()
    {
        var before = Doc(Tracker(), Tracker(id: "old-cam", mac: "02:00:5e:20:00:09"));
        var after = Doc(Tracker(id: "new-cam", mac: "02:00:5e:20:00:08"), Tracker());
        var diff = Compute(before, after);
        Assert.Equal("tracker-01", Assert.Single(diff.Devices).Id);
        Assert.Equal([new DiffDeviceRef("new-cam", "02:00:5e:20:00:08")], diff.DevicesAdded);
        Assert.Equal([new DiffDeviceRef("old-cam", "02:00:5e:20:00:09")], diff.DevicesRemoved);
        Assert.Equal(2, diff.ChangeCount);
        Assert.Equal(0, diff.RegressionCount);
    }

    [Fact]
    public void Compute_NoCommonDevice_HasNoDevices()
    {
        var diff = Compute(Doc(Tracker()), Doc(Tracker(id: "other", mac: "02:00:5e:20:00:07")));
        Assert.Empty(diff.Devices);
    }

    [Fact]
    public void Compute_RandomDocuments_WithItselfEmptyAndReverseSwapsAddedAndRemoved()
    {
        var hosts = Gen.OneOfConst("a.example", "b.example", "c.example", "10.0.0.1");
        var parties = Gen.OneOfConst("first", "third", "local", "unknown");
        var types = Gen.OneOfConst("location.gps", "location.wifi", "id.mac", "opaque");
        var rules = Gen.OneOfConst("item3.high-frequency", "party.third-party", "transport.cleartext");
        var severities = Gen.OneOfConst("low", "medium", "high");
        var destination = Gen.Select(hosts, parties, (h, p) => Destination(h, p));
        var observation = Gen.Select(types, hosts, Gen.Long[0, 100], Gen.Double[0.01, 200].Nullable(), Gen.Double[0, 10_000],
            (t, h, n, precision, span) => Observation(t, h) with { PerHourMax = n, FinestPrecisionM = precision, LongestSpanS = span });
        var finding = Gen.Select(rules, types, hosts, severities, (r, t, h, s) => Finding(r, t, h, s));
        var device = Gen.Select(destination.Array[0, 4], observation.Array[0, 5], finding.Array[0, 5],
            (d, o, f) => Tracker(destinations: d, observations: o, findings: f));

        Gen.Select(device, device).Sample(pair =>
        {
            var (a, b) = (Doc(pair.Item1), Doc(pair.Item2));
            Assert.True(Compute(a, a).IsEmpty);
            var forward = Assert.Single(Compute(a, b).Devices);
            var backward = Assert.Single(Compute(b, a).Devices);
            Assert.Equal(forward.DestinationsAdded.Select(x => x.Host), backward.DestinationsRemoved.Select(x => x.Host));
            Assert.Equal(forward.DataTypesAdded.Select(x => (x.DataType, x.Destination)), backward.DataTypesRemoved.Select(x => (x.DataType, x.Destination)));
            Assert.Equal(forward.FindingsAdded.Count, backward.FindingsRemoved.Count);
            Assert.Equal(forward.SeverityChanges.Count, backward.SeverityChanges.Count);
        }, iter: 300);
    }

    private static (string Rule, string? DataType, bool Regression) Single(IReadOnlyList<FindingChange> changes)
    {
        var change = Assert.Single(changes);
        return (change.Rule, change.DataType, change.Regression);
    }

    /// <summary>How many findings of <paramref name="x"/> have no counterpart (same rule, data type, destination) in <paramref name="y"/>.</summary>
    private static int Excess(ReportDevice x, ReportDevice y)
    {
        var counts = y.Findings.GroupBy(f => (f.Rule, f.DataType, f.Destination)).ToDictionary(g => g.Key, g => g.Count());
        return x.Findings.GroupBy(f => (f.Rule, f.DataType, f.Destination)).Sum(g => Math.Max(0, g.Count() - counts.GetValueOrDefault(g.Key)));
    }
}
