namespace DeviceWatch.Analysis.Profiles;

/// <summary>The <c>limits</c> map of a profile: per data type, plus <c>default</c>.</summary>
public sealed record LimitSet
{
    /// <summary>An empty set.</summary>
    public static LimitSet Empty { get; } = new();

    /// <summary>The <c>default</c> entry, or null.</summary>
    public DataTypeLimit? Default { get; init; }

    /// <summary>Entries by data type.</summary>
    public IReadOnlyDictionary<string, DataTypeLimit> ByDataType { get; init; } = new Dictionary<string, DataTypeLimit>(StringComparer.Ordinal);

    /// <summary>The entry for <paramref name="dataType"/>, or null.</summary>
    public DataTypeLimit? For(string dataType) => ByDataType.TryGetValue(dataType, out var limit) ? limit : null;
}
