using DeviceWatch.Analysis.Profiles;
using DeviceWatch.Analysis.Rules;
using DeviceWatch.Core.Analysis;
using static DeviceWatch.Analysis.Tests.Rules.RuleHarness;

namespace DeviceWatch.Analysis.Tests.Rules;

public sealed class FrequencyPrecisionDurationRuleTests
{
    [Theory]
    [InlineData(11, false)]   // below: 11 in the hour
    [InlineData(12, false)]   // at the limit of 12 per hour
    [InlineData(13, true)]    // above
    public void HighFrequency_AroundLimit_FiresOnlyAbove(int perHour, bool fires)
    {
        var findings = Findings(RuleIds.HighFrequency, Enumerable.Range(0, perHour).Select(i => Obs(i * 59.0 / perHour)));
        Assert.Equal(fires, findings.Count == 1);
        if (fires)
        {
            var f = findings[0];
            Assert.Equal(13d, f.Measured);
            Assert.Equal(12d, f.Limit);
            Assert.Equal("per_hour", f.Unit);
            Assert.Equal(5, f.Evidence.Count);
            Assert.Equal(Severity.Medium, f.Severity); // ratio 1.08 -> low, raised once for location
        }
    }

    [Fact]
    public void HighFrequency_FarAbove_IsHighAndCountsOpaque()
    {
        var gps = Findings(RuleIds.HighFrequency, Every(1, 60));
        Assert.Equal(Severity.High, Assert.Single(gps).Severity);
        var opaque = Findings(RuleIds.HighFrequency, Every(0.5, 120, DataTypes.Opaque));
        Assert.Equal(120d, Assert.Single(opaque).Measured);
    }

    [Fact]
    public void HighFrequency_DeviceOverride_Applies()
    {
        var device = Device with { Limits = new LimitSet { ByDataType = new Dictionary<string, DataTypeLimit> { [DataTypes.LocationGps] = new() { MaxPerHour = 6 } } } };
        Assert.Empty(Findings(RuleIds.HighFrequency, Every(10, 6), device));
        Assert.Single(Findings(RuleIds.HighFrequency, Every(8, 7), device));
    }

    [Theory]
    [InlineData(101, false)]
    [InlineData(100, false)]
    [InlineData(99.9, true)]
    public void HighPrecision_AroundLimit_FiresOnlyWhenFiner(double precision, bool fires)
    {
        var findings = Findings(RuleIds.HighPrecision, [Obs(0, precision: 500), Obs(1, precision: precision)]);
        Assert.Equal(fires, findings.Count == 1);
        if (fires)
        {
            Assert.Equal(99.9, findings[0].Measured!.Value, 3);
            Assert.Equal(100d, findings[0].Limit);
            Assert.Equal("m", findings[0].Unit);
            Assert.Equal(Obs(1).Ts, Assert.Single(findings[0].Evidence).Ts);
        }
    }

    [Fact]
    public void HighPrecision_OpaqueNeverJudged()
    {
        var device = Device with { Limits = new LimitSet { ByDataType = new Dictionary<string, DataTypeLimit> { [DataTypes.Opaque] = new() { FinestPrecisionM = 100 } } } };
        Assert.Empty(Findings(RuleIds.HighPrecision, [Obs(0, DataTypes.Opaque, precision: 1)], device));
    }

    [Theory]
    [InlineData(119, false)]
    [InlineData(120, false)]
    [InlineData(121, true)]
    public void LongDuration_AroundTwoHours_FiresOnlyAbove(int minutes, bool fires)
    {
        // heart rate every 10 minutes (gap tolerance 15) for `minutes`, plus the end point
        var observations = Enumerable.Range(0, minutes / 10 + 1).Select(i => Obs(i * 10, DataTypes.HealthHeartRate))
            .Append(Obs(minutes, DataTypes.HealthHeartRate));
        var findings = Findings(RuleIds.LongDuration, observations);
        Assert.Equal(fires, findings.Count == 1);
        if (fires)
        {
            Assert.True(findings[0].Measured > 2);
            Assert.Equal(2d, findings[0].Limit);
            Assert.Equal("hours", findings[0].Unit);
            Assert.Equal(5, findings[0].Evidence.Count);
        }
    }

    [Theory]
    [InlineData(15.0, true)]   // gaps at the tolerance keep the span continuous: 3 h
    [InlineData(15.5, false)]  // gaps just over split it into single points
    public void LongDuration_GapTolerance_DecidesContinuity(double gapMinutes, bool fires)
    {
        var observations = Enumerable.Range(0, (int)(180 / gapMinutes) + 2).Select(i => Obs(i * gapMinutes, DataTypes.HealthHeartRate));
        Assert.Equal(fires, Findings(RuleIds.LongDuration, observations).Count == 1);
    }
}
