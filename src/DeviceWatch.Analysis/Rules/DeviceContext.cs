using DeviceWatch.Analysis.Profiles;
using DeviceWatch.Core.Analysis;

namespace DeviceWatch.Analysis.Rules;

/// <summary>What the rules see of one device.</summary>
internal sealed class DeviceContext
{
    public required string Id { get; init; }
    public required ProfileSet Profiles { get; init; }
    public DeviceProfile? Profile { get; init; }
    public CategoryProfile? Category { get; init; }
    /// <summary>First-party suffixes (declared or inferred); empty when unknown.</summary>
    public IReadOnlyList<string> FirstParty { get; init; } = [];
    public bool FirstPartyInferred { get; init; }
    public IReadOnlyList<SeriesContext> Series { get; init; } = [];
    public IReadOnlyList<TlsInterceptionEvent> TlsEvents { get; init; } = [];

    /// <summary>Readable personal information (not <c>opaque</c>).</summary>
    public IEnumerable<SeriesContext> Readable => Series.Where(s => !s.IsOpaque);

    /// <summary>High for sensitive personal information (see <see cref="IsSensitive"/>), else medium.</summary>
    public Severity SeverityBySensitivity(string dataType) => IsSensitive(dataType) ? Severity.High : Severity.Medium;

    /// <summary>
    /// Sensitive personal information in the sense of PIPL art. 28: locations (whereabouts), health, biometrics,
    /// national id — and every data type on devices made for children (childrens-watch, learning-tablet).
    /// </summary>
    public bool IsSensitive(string dataType) =>
        dataType != DataTypes.Opaque
        && (Category?.Id is "childrens-watch" or "learning-tablet"
            || dataType.StartsWith("location.", StringComparison.Ordinal)
            || dataType.StartsWith("health.", StringComparison.Ordinal)
            || dataType.StartsWith("biometric.", StringComparison.Ordinal)
            || dataType == DataTypes.IdentityNationalId);
}
