using CsCheck;
using DeviceWatch.Analysis.Profiles;
using DeviceWatch.Analysis.Rules;
using DeviceWatch.Core.Analysis;
using static DeviceWatch.Analysis.Tests.Rules.RuleHarness;

namespace DeviceWatch.Analysis.Tests.Rules;

/// <summary><see cref="AnalysisSession.AddPhase"/>: phases marked live count exactly like phases written in the profile.</summary>
public sealed class LivePhaseTests
{
    private static ProfilePhase Phase(double fromMinute, double toMinute, PhaseState state, params string[] functions) =>
        new() { From = T0.AddMinutes(fromMinute), To = T0.AddMinutes(toMinute), State = state, Functions = functions };

    private static FindingsDocument Live(IEnumerable<Observation> observations, IEnumerable<(string Device, ProfilePhase Phase)> phases, DeviceProfile? device = null)
    {
        var session = new AnalysisSession(Set(device));
        session.AddObservations(observations);
        foreach (var (id, phase) in phases)
        {
            session.AddPhase(id, phase);
        }

        return session.Complete(["test.pcap"]);
    }

    [Fact]
    public void AddPhase_IdleWhileSending_FiresBackgroundRule()
    {
        var document = Live([Obs(10), Obs(70)], [("dev", Phase(60, 120, PhaseState.Idle))]);

        var finding = Assert.Single(document.AllFindings, f => f.Rule == RuleIds.BackgroundNoNotice);
        Assert.Contains("idle", finding.Message, StringComparison.Ordinal);
        var device = Assert.Single(document.Devices);
        Assert.Equal(["active", "idle"], device.Observations.Single().Phases);
        Assert.Equal(T0.AddMinutes(60), Assert.Single(device.Phases).From);
    }

    [Fact]
    public void AddPhase_WithProfilePhases_MergesInTimeOrder()
    {
        var profiled = Device with { Phases = [Phase(120, 150, PhaseState.FunctionOff, "locate")] };

        // added out of order and before the profile's phase in time
        var document = Live(
            [Obs(20), Obs(70), Obs(130)],
            [("dev", Phase(60, 90, PhaseState.Idle)), ("dev", Phase(10, 30, PhaseState.FunctionOff, "heart-rate"))],
            profiled);

        var device = Assert.Single(document.Devices);
        Assert.Equal([T0.AddMinutes(10), T0.AddMinutes(60), T0.AddMinutes(120)], device.Phases.Select(p => p.From));
        var messages = document.AllFindings.Where(f => f.Rule == RuleIds.BackgroundNoNotice).Select(f => f.Message).ToArray();
        Assert.Contains(messages, m => m.Contains("idle", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("locate", StringComparison.Ordinal));
        Assert.Equal(["idle", "function-off"], device.Observations.Single().Phases);
    }

    [Fact]
    public void AddPhase_ByMatchedMac_AppliesToTheProfile()
    {
        var document = Live([Obs(70)], [("02:00:5E:00:00:01", Phase(60, 120, PhaseState.Idle))]);

        Assert.Single(document.AllFindings, f => f.Rule == RuleIds.BackgroundNoNotice);
    }

    [Fact]
    public void AddPhase_DeviceWithoutProfile_IsIgnored()
    {
        var document = Live([Obs(70, device: "02:00:5e:99:99:99")], [("02:00:5e:99:99:99", Phase(60, 120, PhaseState.Idle))]);

        Assert.DoesNotContain(document.AllFindings, f => f.Rule == RuleIds.BackgroundNoNotice);
        Assert.All(document.Devices, d => Assert.Empty(d.Phases));
    }

    [Fact]
    public void AddPhase_EndNotAfterStart_Throws()
    {
        var session = new AnalysisSession(Set());

        Assert.Throws<ArgumentException>(() => session.AddPhase("dev", Phase(60, 60, PhaseState.Idle)));
        Assert.Throws<ArgumentException>(() => session.AddPhase("", Phase(60, 61, PhaseState.Idle)));
    }

    [Fact]
    public void AddPhase_AnyPhasesAndObservations_SameDocumentAsProfilePhases()
    {
        // Non-overlapping phases cut from a random sorted set of minutes; random observations of GPS and heart rate.
        var gen = Gen.Select(
            Gen.Int[0, 300].Array[0, 8],
            Gen.Int[0, 2].Array[4],
            Gen.Select(Gen.Double[0, 300], Gen.Bool).Array[1, 30]);
        gen.Sample((cuts, states, samples) =>
        {
            var bounds = cuts.Distinct().Order().ToArray();
            var phases = new List<ProfilePhase>();
            for (var i = 0; i + 1 < bounds.Length; i += 2)
            {
                var state = states[i / 2 % states.Length] switch
                {
                    0 => PhaseState.Idle,
                    1 => PhaseState.FunctionOff,
                    _ => PhaseState.Active,
                };
                phases.Add(Phase(bounds[i], bounds[i + 1], state, state == PhaseState.FunctionOff ? ["locate"] : []));
            }

            var observations = samples.Select(s => Obs(s.Item1, s.Item2 ? DataTypes.LocationGps : DataTypes.HealthHeartRate)).ToArray();
            var expected = FindingsJson.Serialize(Run(Set(Device with { Phases = phases }), observations));
            var actual = FindingsJson.Serialize(Live(observations, phases.Select(p => ("dev", p)).Reverse()));
            Assert.Equal(expected, actual);
        }, iter: 200, threads: 1);
    }
}
