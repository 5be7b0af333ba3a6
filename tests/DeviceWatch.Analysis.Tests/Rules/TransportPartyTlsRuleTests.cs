using DeviceWatch.Analysis.Rules;
using DeviceWatch.Core.Analysis;
using static DeviceWatch.Analysis.Tests.Rules.RuleHarness;

namespace DeviceWatch.Analysis.Tests.Rules;

public sealed class TransportPartyTlsRuleTests
{
    [Theory]
    [InlineData(Transports.Cleartext, true)]
    [InlineData(Transports.TlsIntercepted, false)]
    public void Cleartext_FiresOnlyForCleartext(string transport, bool fires)
    {
        var findings = Findings(RuleIds.Cleartext, [Obs(0, transport: transport), Obs(1, transport: Transports.TlsIntercepted)]);
        Assert.Equal(fires, findings.Count == 1);
        if (fires)
        {
            Assert.Equal(1d, findings[0].Measured);
            Assert.Equal(Severity.High, findings[0].Severity); // location is sensitive
        }
    }

    [Fact]
    public void Cleartext_DeviceWithoutProfile_StillFires()
    {
        var doc = Run(ProfileSet(), [Obs(0, DataTypes.IdImei, transport: Transports.Cleartext, device: "02:00:5e:99:00:01")]);
        var device = Assert.Single(doc.Devices);
        Assert.Null(device.Category);
        var f = Assert.Single(device.Findings);
        Assert.Equal(RuleIds.Cleartext, f.Rule);
        Assert.Equal(Severity.Medium, f.Severity);
    }

    [Theory]
    [InlineData("api.first.example", false)]
    [InlineData("first.example", false)]
    [InlineData("tracker.ads.example", true)]
    [InlineData("notfirst.example", true)]
    [InlineData("203.0.113.5", false)]   // a bare address: party unknown
    [InlineData("10.0.0.2", false)]      // local
    public void ThirdParty_OutsideFirstPartySuffixes_Fires(string destination, bool fires)
    {
        Assert.Equal(fires, Findings(RuleIds.ThirdParty, [Obs(0, destination: destination)]).Count == 1);
    }

    [Fact]
    public void ThirdParty_Opaque_NeverFires()
    {
        Assert.Empty(Findings(RuleIds.ThirdParty, [Obs(0, DataTypes.Opaque, "tracker.ads.example")]));
    }

    [Fact]
    public void ThirdParty_NoProfile_InfersFirstPartyFromMostContactedDomain()
    {
        const string mac = "02:00:5e:99:00:02";
        var observations = new[]
        {
            Obs(0, DataTypes.IdImei, "a.vendor.example", device: mac),
            Obs(1, DataTypes.IdImei, "b.vendor.example", device: mac),
            Obs(2, DataTypes.IdImei, "sdk.tracker.example", device: mac),
        };
        var device = Assert.Single(Run(ProfileSet(), observations).Devices);
        Assert.True(device.FirstPartyInferred);
        Assert.Equal(["vendor.example"], device.FirstParty);
        var f = Assert.Single(device.Findings, x => x.Rule == RuleIds.ThirdParty);
        Assert.Equal("sdk.tracker.example", f.Destination);
    }

    [Fact]
    public void NoProfile_OnlyProfileFreeRulesRun()
    {
        const string mac = "02:00:5e:99:00:03";
        var observations = Enumerable.Range(0, 200).Select(i => Obs(i * 0.1, DataTypes.LocationGps, "x.vendor.example", precision: 1, device: mac));
        var device = Assert.Single(Run(ProfileSet(), observations).Devices);
        Assert.DoesNotContain(device.Findings, f => f.Rule.StartsWith("item3.", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true, false, 1)]    // completed, CA not installed
    [InlineData(true, true, 0)]     // completed, CA installed
    [InlineData(false, false, 0)]   // refused
    public void AcceptsUntrusted_CompletedWithoutCa_Fires(bool completed, bool caInstalled, int expected)
    {
        var tls = new[] { new TlsInterceptionEvent("dev", "api.first.example", T0, "C1", completed, completed ? null : "bad_certificate") };
        var findings = Findings(RuleIds.AcceptsUntrusted, [], Device with { CaInstalled = caInstalled }, tls);
        Assert.Equal(expected, findings.Count);
        if (expected == 1)
        {
            Assert.Equal(Severity.High, findings[0].Severity);
            Assert.Equal("C1", Assert.Single(findings[0].Evidence).Uid);
        }
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 0)]
    public void Pinned_RefusedCertificate_IsLowInformation(bool completed, int expected)
    {
        var tls = new[]
        {
            new TlsInterceptionEvent("dev", "pin.first.example", T0, "C2", completed, completed ? null : "alert bad_certificate"),
            new TlsInterceptionEvent("dev", "pin.first.example", T0.AddMinutes(1), "C3", completed, completed ? null : "alert bad_certificate"),
        };
        var findings = Findings(RuleIds.Pinned, [], null, tls);
        Assert.Equal(expected, findings.Count);
        if (expected == 1)
        {
            Assert.Equal(Severity.Low, findings[0].Severity);
            Assert.Equal(2d, findings[0].Measured);
            Assert.Contains("bad_certificate", findings[0].Message);
        }
    }

    [Fact]
    public void FindingGate_ThresholdComparesSeverity()
    {
        Finding F(Severity s) => new() { Rule = RuleIds.Pinned, Severity = s, Message = "m" };
        Assert.True(FindingGate.ShouldFail([F(Severity.Medium)], Severity.Medium));
        Assert.True(FindingGate.ShouldFail([F(Severity.High)], Severity.Medium));
        Assert.False(FindingGate.ShouldFail([F(Severity.Low)], Severity.Medium));
        Assert.False(FindingGate.ShouldFail([], Severity.Low));
        Assert.True(Severities.TryParse("HIGH", out var high) && high == Severity.High);
        Assert.False(Severities.TryParse("critical", out _));
    }

    private static DeviceWatch.Analysis.Profiles.ProfileSet ProfileSet() => DeviceWatch.Analysis.Profiles.ProfileSet.Empty;
}
