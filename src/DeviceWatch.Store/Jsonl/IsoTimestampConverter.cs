using System.Globalization;
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
    /// <remarks>Formatted straight to UTF-8 (no string per timestamp; the same text as <see cref="Timestamps.ToIso"/>).</remarks>
    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
    {
        Span<byte> utf8 = stackalloc byte[64];
        if (DateTime.SpecifyKind(value, DateTimeKind.Utc).TryFormat(utf8, out var length, Timestamps.Format, CultureInfo.InvariantCulture))
        {
            writer.WriteStringValue(utf8[..length]);
            return;
        }

        writer.WriteStringValue(Timestamps.ToIso(value));
    }
}
