namespace DeviceWatch.Analysis.Profiles;

/// <summary>The state a device is in during a test phase.</summary>
public enum PhaseState
{
    /// <summary>The device is in use (the default outside any listed phase).</summary>
    Active,
    /// <summary>The device is idle: nobody uses it.</summary>
    Idle,
    /// <summary>Some functions were switched off by the tester.</summary>
    FunctionOff,
}
