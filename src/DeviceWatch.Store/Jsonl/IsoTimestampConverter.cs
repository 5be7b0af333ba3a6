using System.Text.Json;
using System.Text.Json.Serialization;
using DeviceWatch.Core.Time;

namespace DeviceWatch.Store.Jsonl;

/// <summary>Writes <see cref="DateTime"/> as ISO-8601 UTC with fractional seconds, the format of every output.</summary>
public sealed class IsoTimestampConverter : JsonConverter<DateTime>
{
    /// <inheritdoc />
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (text is null || !Timestamps.TryParse(text, out var utc))
        {
            throw new JsonException($"not an ISO-8601 timestamp: '{text}'");
        }

        return utc;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Timestamps.ToIso(value));
}
