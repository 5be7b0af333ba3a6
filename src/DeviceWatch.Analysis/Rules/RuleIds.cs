namespace DeviceWatch.Analysis.Rules;

/// <summary>The rule ids of the contract, in table order.</summary>
public static class RuleIds
{
#pragma warning disable CS1591 // names are the documentation
    public const string NoRules = "item3.no-rules";
    public const string Undeclared = "item3.undeclared";
    public const string NonNecessary = "item3.non-necessary";
    public const string HighFrequency = "item3.high-frequency";
    public const string HighPrecision = "item3.high-precision";
    public const string LongDuration = "item3.long-duration";
    public const string BackgroundNoNotice = "item3.background-no-notice";
    public const string CloudNoNotice = "item3.cloud-no-notice";
    public const string Cleartext = "transport.cleartext";
    public const string ThirdParty = "party.third-party";
    public const string AcceptsUntrusted = "tls.accepts-untrusted";
    public const string Pinned = "tls.pinned";
#pragma warning restore CS1591

    /// <summary>Every rule id, in contract table order (also the order of findings of equal severity).</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        NoRules, Undeclared, NonNecessary, HighFrequency, HighPrecision, LongDuration, BackgroundNoNotice,
        CloudNoNotice, Cleartext, ThirdParty, AcceptsUntrusted, Pinned,
    ];
}
