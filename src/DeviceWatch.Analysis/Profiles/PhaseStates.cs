namespace DeviceWatch.Analysis.Profiles;

/// <summary>The profile and output names of <see cref="PhaseState"/> values.</summary>
public static class PhaseStates
{
    /// <summary>Name used in profiles and outputs: <c>active</c>, <c>idle</c> or <c>function-off</c>.</summary>
    public static string Name(PhaseState state) => state switch
    {
        PhaseState.Idle => "idle",
        PhaseState.FunctionOff => "function-off",
        _ => "active",
    };

    /// <summary>Parses a profile state name.</summary>
    public static bool TryParse(string? text, out PhaseState state)
    {
        switch (text)
        {
            case "active":
                state = PhaseState.Active;
                return true;
            case "idle":
                state = PhaseState.Idle;
                return true;
            case "function-off":
                state = PhaseState.FunctionOff;
                return true;
            default:
                state = PhaseState.Active;
                return false;
        }
    }
}
