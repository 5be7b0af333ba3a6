namespace DeviceWatch.Reports.Diff;

/// <summary>The result of comparing two findings.json documents (written as diff.json and diff.md).</summary>
internal sealed record DiffDocument
{
    public required DiffSide Before { get; init; }
    public required DiffSide After { get; init; }
    public double Tolerance { get; init; } = DiffOptions.DefaultTolerance;
    /// <summary>Devices on both sides, in after-side order.</summary>
    public IReadOnlyList<DeviceDiff> Devices { get; init; } = [];
    /// <summary>Devices only on the before side (not compared).</summary>
    public IReadOnlyList<DiffDeviceRef> DevicesRemoved { get; init; } = [];
    /// <summary>Devices only on the after side (not compared).</summary>
    public IReadOnlyList<DiffDeviceRef> DevicesAdded { get; init; } = [];

    /// <summary>True when nothing differs.</summary>
    public bool IsEmpty => ChangeCount == 0;

    /// <summary>Number of reported differences, devices on one side only included.</summary>
    public int ChangeCount => Devices.Sum(d => d.ChangeCount) + DevicesRemoved.Count + DevicesAdded.Count;

    /// <summary>Number of regressions (what <c>--fail-on-regression</c> fails on).</summary>
    public int RegressionCount => Devices.Sum(d => d.RegressionCount);
}
