using DeviceWatch.Analysis.Rules;
using DeviceWatch.Core.Analysis;
using static DeviceWatch.Analysis.Tests.Rules.RuleHarness;

namespace DeviceWatch.Analysis.Tests.Rules;

public sealed class DeclarationRuleTests
{
    [Fact]
    public void NoRules_DeviceWithoutRulesSendingPersonalData_FiresOncePerDevice()
    {
        var device = Device with { Rules = null };
        var f = Assert.Single(Findings(RuleIds.NoRules, [Obs(0), Obs(1, DataTypes.HealthHeartRate)], device));
        Assert.Equal(Severity.High, f.Severity);
        Assert.Equal(2d, f.Measured);
        Assert.Null(f.DataType);
        Assert.Equal(2, f.Evidence.Count);
    }

    [Fact]
    public void NoRules_WithRulesOrOnlyOpaque_DoesNotFire()
    {
        Assert.Empty(Findings(RuleIds.NoRules, [Obs(0)]));
        Assert.Empty(Findings(RuleIds.NoRules, [Obs(0, DataTypes.Opaque)], Device with { Rules = null }));
        Assert.Empty(Findings(RuleIds.NoRules, [], Device with { Rules = null }));
    }

    [Theory]
    [InlineData(DataTypes.LocationGps, false)]   // declared
    [InlineData(DataTypes.IdImsi, true)]         // not declared
    [InlineData(DataTypes.Opaque, false)]        // never judged
    public void Undeclared_DependsOnDeclares(string dataType, bool fires)
    {
        var findings = Findings(RuleIds.Undeclared, [Obs(0, dataType)]);
        Assert.Equal(fires, findings.Count == 1);
        if (fires)
        {
            Assert.Equal(Severity.Medium, findings[0].Severity);
            Assert.Equal("api.first.example", findings[0].Destination);
            Assert.Equal(1d, findings[0].Measured);
        }
    }

    [Fact]
    public void Undeclared_SensitiveType_IsHigh()
    {
        var f = Assert.Single(Findings(RuleIds.Undeclared, [Obs(0, DataTypes.HealthSpo2)]));
        Assert.Equal(Severity.High, f.Severity);
    }

    [Theory]
    [InlineData(DataTypes.HealthHeartRate, false)]   // needed by heart-rate
    [InlineData(DataTypes.IdImei, true)]             // declared but needed by no function
    [InlineData(DataTypes.Opaque, false)]
    public void NonNecessary_DependsOnEnabledFunctions(string dataType, bool fires)
    {
        Assert.Equal(fires, Findings(RuleIds.NonNecessary, [Obs(0, dataType)]).Count == 1);
    }

    [Fact]
    public void NonNecessary_FunctionNotEnabled_Fires()
    {
        var device = Device with { Functions = ["locate"] };
        var f = Assert.Single(Findings(RuleIds.NonNecessary, [Obs(0, DataTypes.HealthHeartRate), Obs(1)], device));
        Assert.Equal(DataTypes.HealthHeartRate, f.DataType);
        Assert.Contains("locate", f.Message);
    }
}
