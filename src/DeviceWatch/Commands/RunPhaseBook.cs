using DeviceWatch.Analysis.Profiles;
using DeviceWatch.Analysis.Rules;
using DeviceWatch.Store.Session;

namespace DeviceWatch.Cli.Commands;

/// <summary>
/// Experiment phases marked live with <c>devicewatch tag</c>. A tag closes the device's open phase and opens the
/// next; a closed phase goes to the analysis (<see cref="AnalysisSession.AddPhase"/>), whose rules treat it exactly
/// like a phase written in the profile. Only devices with a profile can carry phases. Not thread-safe: one thread
/// (the pipeline).
/// </summary>
internal sealed class RunPhaseBook(ProfileSet profiles, AnalysisSession analysis)
{
    private readonly List<StoredPhase> _tagged = [];
    private readonly Dictionary<string, ProfilePhase> _open = new(StringComparer.Ordinal);

    /// <summary>Phases marked live so far (closed ones; open ones end at <see cref="CloseAll"/>).</summary>
    public IReadOnlyList<StoredPhase> Tagged => _tagged;

    /// <summary>
    /// Marks <paramref name="state"/> for <paramref name="device"/> (a profile id, or a MAC or IP a profile matches)
    /// from <paramref name="at"/>. Returns null when done, else why not.
    /// </summary>
    public string? Tag(string device, PhaseState state, IReadOnlyList<string> functions, DateTime at)
    {
        var profile = profiles.Device(device) ?? profiles.Match(device, [device], device);
        if (profile is null)
        {
            return $"no profile for device '{device}': phases apply to devices with a profile (id, match mac/ip/hostname)";
        }

        if (state == PhaseState.FunctionOff && functions.Count == 0)
        {
            return "function-off needs --function F";
        }

        if (profile.Phases.Count > 0 && profile.Phases.Max(p => p.To) > at)
        {
            return $"device '{profile.Id}' has a profile phase until {profile.Phases.Max(p => p.To):O}; live tags cannot overlap it";
        }

        Close(profile.Id, at);
        if (state != PhaseState.Active)
        {
            _open[profile.Id] = new ProfilePhase { From = at, To = DateTime.MaxValue, State = state, Functions = functions.ToArray() };
        }

        return null;
    }

    /// <summary>Ends every open phase at <paramref name="at"/> (session end).</summary>
    public void CloseAll(DateTime at)
    {
        foreach (var id in _open.Keys.ToList())
        {
            Close(id, at);
        }
    }

    private void Close(string id, DateTime at)
    {
        if (!_open.Remove(id, out var open) || at <= open.From)
        {
            return;
        }

        var closed = open with { To = at };
        analysis.AddPhase(id, closed);
        _tagged.Add(new StoredPhase(id, closed.From, closed.To, PhaseStates.Name(closed.State), closed.Functions));
    }
}
