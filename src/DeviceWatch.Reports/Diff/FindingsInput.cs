using System.Text.Json;
using DeviceWatch.Reports.Model;

namespace DeviceWatch.Reports.Diff;

/// <summary>Reads one side of a diff: findings.json bytes checked to be a findings document, errors naming the file.</summary>
internal static class FindingsInput
{
    /// <summary>
    /// Parses <paramref name="findingsJson"/>; <see cref="InvalidDataException"/> naming <paramref name="source"/>
    /// when it is not JSON or not a findings document (an object with a <c>devices</c> array).
    /// </summary>
    public static ReportDocument Parse(ReadOnlySpan<byte> findingsJson, string source)
    {
        try
        {
            var reader = new Utf8JsonReader(findingsJson);
            using (var probe = JsonDocument.ParseValue(ref reader))
            {
                if (probe.RootElement.ValueKind != JsonValueKind.Object ||
                    !probe.RootElement.TryGetProperty("devices", out var devices) || devices.ValueKind != JsonValueKind.Array)
                {
                    throw new InvalidDataException($"{source}: not a DeviceWatch findings document (no \"devices\" array)");
                }
            }

            return ReportDocumentReader.Read(findingsJson);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{source}: not a readable findings document ({ex.Message})", ex);
        }
    }

    /// <summary>The side description of a parsed document.</summary>
    public static DiffSide Side(ReportDocument document, string source) => new()
    {
        Source = source,
        Generator = document.Generator,
        Captures = document.Captures,
        Start = document.Start,
        End = document.End,
    };
}
