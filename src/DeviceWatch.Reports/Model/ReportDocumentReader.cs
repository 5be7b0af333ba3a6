using System.Globalization;
using System.Text.Json;
using DeviceWatch.Core.Time;

namespace DeviceWatch.Reports.Model;

/// <summary>Reads findings.json (the public contract) into the report model.</summary>
internal static class ReportDocumentReader
{
    private static readonly JsonSerializerOptions s_options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        PropertyNameCaseInsensitive = false,
    };

    public static ReportDocument Read(ReadOnlySpan<byte> findingsJson) =>
        JsonSerializer.Deserialize<ReportDocument>(findingsJson, s_options)
        ?? throw new InvalidDataException("findings.json holds no document");

    public static DateTime? Time(string? iso) => iso is not null && Timestamps.TryParse(iso, out var utc) ? utc : null;

    public static string Num(double? value) => value is { } v ? v.ToString("0.###", CultureInfo.InvariantCulture) : "–";
}
