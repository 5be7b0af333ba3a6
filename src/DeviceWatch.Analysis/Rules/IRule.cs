namespace DeviceWatch.Analysis.Rules;

/// <summary>One rule of the contract's table.</summary>
internal interface IRule
{
    /// <summary>The rule id.</summary>
    string Id { get; }

    /// <summary>False for the rules that also run on devices without a profile.</summary>
    bool NeedsProfile { get; }

    /// <summary>Adds the device's findings for this rule.</summary>
    void Evaluate(DeviceContext device, List<Finding> findings);
}
