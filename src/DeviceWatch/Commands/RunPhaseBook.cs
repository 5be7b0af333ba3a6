using DeviceWatch.Analysis.Profiles;
using DeviceWatch.Store.Session;

namespace DeviceWatch.Cli.Commands;

/// <summary>
/// Experiment phases marked live with <c>devicewatch tag</c>. The analysis reads a device's phases from its profile
/// only when the session completes, so the session is given a copy of the profiles whose phase lists are owned here:
/// a tag closes the device's open phase and opens the next, and the rules see the result exactly like phases
/// written in the profile. Only devices with a profile can carry phases. Not thread-safe: one thread (the pipeline).
/// </summary>
internal sealed class RunPhaseBook
{
    private readonly ProfileSet _profiles;
    private readonly Dictionary<string, List<ProfilePhase>> _phases = new(StringComparer.Ordinal);
    private readonly List<StoredPhase> _tagged = [];
    private readonly Dictionary<string, ProfilePhase> _open = new(StringComparer.Ordinal);

    public RunPhaseBook(ProfileSet profiles)
    {
        var devices = new List<DeviceProfile>();
        foreach (var device in profiles.Devices)
        {
            var list = device.Phases.ToList();
            _phases[device.Id] = list;
            devices.Add(device with { Phases = list });
        }

        _profiles = new ProfileSet(profiles.Categories, devices);
    }

    /// <summary>The profiles to analyse with (phase lists grow as tags arrive).</summary>
    public ProfileSet Profiles => _profiles;

    /// <summary>Phases marked live so far (closed ones; open ones end at <see cref="CloseAll"/>).</summary>
    public IReadOnlyList<StoredPhase> Tagged => _tagged;

    /// <summary>
    /// Marks <paramref name="state"/> for <paramref name="device"/> (a profile id, or a MAC or IP a profile matches)
    /// from <paramref name="at"/>. Returns null when done, else why not.
    /// </summary>
    public string? Tag(string device, PhaseState state, IReadOnlyList<string> functions, DateTime at)
    {
        var profile = _profiles.Device(device) ?? _profiles.Match(device, [device], device);
        if (profile is null)
        {
            return $"no profile for device '{device}': phases apply to devices with a profile (id, match mac/ip/hostname)";
        }

        if (state == PhaseState.FunctionOff && functions.Count == 0)
        {
            return "function-off needs --function F";
        }

        var list = _phases[profile.Id];
        if (list.Count > 0 && list[^1].To > at && !_open.ContainsKey(profile.Id))
        {
            return $"device '{profile.Id}' has a profile phase until {list[^1].To:O}; live tags cannot overlap it";
        }

        Close(profile.Id, at);
        if (state != PhaseState.Active)
        {
            var phase = new ProfilePhase { From = at, To = DateTime.MaxValue, State = state, Functions = functions.ToArray() };
            list.Add(phase);
            _open[profile.Id] = phase;
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
        if (!_open.Remove(id, out var open))
        {
            return;
        }

        var list = _phases[id];
        var index = list.IndexOf(open);
        if (at <= open.From)
        {
            list.RemoveAt(index);
            return;
        }

        var closed = open with { To = at };
        list[index] = closed;
        _tagged.Add(new StoredPhase(id, closed.From, closed.To, PhaseStates.Name(closed.State), closed.Functions));
    }
}
