using System.Text.Json;

namespace DeviceWatch.Core.Json;

/// <summary>Writes optional values as JSON <c>null</c> (never omitted), the convention of every DeviceWatch document.</summary>
public static class NullableJsonWriting
{
    /// <summary>Writes <paramref name="value"/>, or <c>null</c> when there is none.</summary>
    public static void WriteStringOrNull(this Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    /// <summary>Writes <paramref name="value"/>, or <c>null</c> when there is none or it is not finite.</summary>
    public static void WriteNumberOrNull(this Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
