using DeviceWatch.Analysis.Profiles;
using DeviceWatch.Analysis.Rules;
using DeviceWatch.Core.Analysis;
using static DeviceWatch.Analysis.Tests.Rules.RuleHarness;

namespace DeviceWatch.Analysis.Tests.Rules;

public sealed class NoticeRuleTests
{
    // idle 09:00-10:00, locate off 10:00-10:30 (T0 is 08:00)
    private static readonly DeviceProfile s_phased = Device with
    {
        Phases =
        [
            new ProfilePhase { From = T0.AddHours(1), To = T0.AddHours(2), State = PhaseState.Idle },
            new ProfilePhase { From = T0.AddHours(2), To = T0.AddMinutes(150), State = PhaseState.FunctionOff, Functions = ["locate"] },
        ],
    };

    [Theory]
    [InlineData(59.99, false)]  // just before the idle phase
    [InlineData(60, true)]      // at its start
    [InlineData(119.99, true)]  // just before its end
    public void Background_Idle_FiresInsidePhase(double minute, bool fires)
    {
        var findings = Findings(RuleIds.BackgroundNoNotice, [Obs(minute, DataTypes.HealthHeartRate)], s_phased);
        Assert.Equal(fires, findings.Count == 1);
        if (fires)
        {
            Assert.Equal(Severity.High, findings[0].Severity);
            Assert.Contains("idle", findings[0].Message);
        }
    }

    [Fact]
    public void Background_OpaqueWhileIdle_FiresMedium()
    {
        var f = Assert.Single(Findings(RuleIds.BackgroundNoNotice, [Obs(70, DataTypes.Opaque)], s_phased));
        Assert.Equal(Severity.Medium, f.Severity);
    }

    [Theory]
    [InlineData(DataTypes.LocationGps, 130, true)]       // locate is off and needs GPS
    [InlineData(DataTypes.HealthHeartRate, 130, false)]  // heart-rate is still on
    [InlineData(DataTypes.LocationGps, 150, false)]      // phase over (end is exclusive)
    public void Background_FunctionOff_FiresForDataTheFunctionNeeds(string dataType, double minute, bool fires)
    {
        var findings = Findings(RuleIds.BackgroundNoNotice, [Obs(minute, dataType)], s_phased);
        Assert.Equal(fires, findings.Count == 1);
        if (fires)
        {
            Assert.Contains("locate", findings[0].Message);
        }
    }

    [Fact]
    public void Background_WithNotice_DoesNotFire()
    {
        var device = s_phased with { Rules = s_phased.Rules! with { BackgroundNotice = true } };
        Assert.Empty(Findings(RuleIds.BackgroundNoNotice, [Obs(70), Obs(130)], device));
    }

    [Theory]
    [InlineData("api.first.example", false, true)]
    [InlineData("api.first.example", true, false)]   // notice given
    [InlineData("192.168.1.10", false, false)]       // stays on the local network
    public void Cloud_SensitiveTypeLeavingLan_FiresWithoutNotice(string destination, bool notice, bool fires)
    {
        var device = Device with { Rules = Device.Rules! with { CloudNotice = notice } };
        Assert.Equal(fires, Findings(RuleIds.CloudNoNotice, [Obs(0, DataTypes.MediaAudio, destination)], device).Count == 1);
    }

    [Fact]
    public void Cloud_TypeNotCloudSensitive_DoesNotFire()
    {
        Assert.Empty(Findings(RuleIds.CloudNoNotice, [Obs(0, DataTypes.LocationGps)]));
    }
}
