using System.Text.Encodings.Web;
using System.Text.Json;
using DeviceWatch.Analysis.Aggregation;
using DeviceWatch.Core.Json;
using DeviceWatch.Core.Time;

namespace DeviceWatch.Analysis.Rules;

/// <summary>
/// Writes findings.json exactly as the contract names its fields (snake_case), in a fixed field order, so the
/// same document always gives the same bytes. Fields beyond the contract: <c>profile</c>, <c>first_party</c>,
/// <c>first_party_inferred</c>, <c>phases</c>, <c>timeline</c> (devices); <c>period_s</c>,
/// <c>continuity_gap_minutes</c>, <c>party</c>, <c>example</c> (observations).
/// </summary>
public static class FindingsJson
{
    private static readonly JsonWriterOptions s_options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The document as UTF-8 JSON bytes (LF line ends, final newline).</summary>
    public static byte[] Serialize(FindingsDocument document)
    {
        using var stream = new MemoryStream();
        Write(stream, document);
        return stream.ToArray();
    }

    /// <summary>Writes the document to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, FindingsDocument document)
    {
        using (var writer = new Utf8JsonWriter(stream, s_options with { NewLine = "\n" }))
        {
            writer.WriteStartObject();
            writer.WriteString("generator", document.Generator);
            writer.WriteStartArray("captures");
            foreach (var capture in document.Captures)
            {
                writer.WriteStringValue(capture);
            }

            writer.WriteEndArray();
            WriteTime(writer, "start", document.Start);
            WriteTime(writer, "end", document.End);
            writer.WriteStartArray("devices");
            foreach (var device in document.Devices)
            {
                WriteDevice(writer, device);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
    }

    private static void WriteDevice(Utf8JsonWriter writer, DeviceFindings device)
    {
        writer.WriteStartObject();
        writer.WriteString("id", device.Id);
        writer.WriteString("mac", device.Mac);
        writer.WriteStringOrNull("category", device.Category);
        writer.WriteStringOrNull("profile", device.Profile);
        WriteStrings(writer, "first_party", device.FirstParty);
        writer.WriteBoolean("first_party_inferred", device.FirstPartyInferred);
        writer.WriteStartArray("destinations");
        foreach (var d in device.Destinations)
        {
            writer.WriteStartObject();
            writer.WriteString("host", d.Host);
            writer.WriteString("party", d.Party);
            writer.WriteNumber("flows", d.Flows);
            writer.WriteNumber("bytes_up", d.BytesUp);
            writer.WriteNumber("bytes_down", d.BytesDown);
            writer.WriteBoolean("encrypted", d.Encrypted);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("observations");
        foreach (var o in device.Observations)
        {
            WriteObservation(writer, o);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("findings");
        foreach (var f in device.Findings)
        {
            WriteFinding(writer, f);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("phases");
        foreach (var p in device.Phases)
        {
            writer.WriteStartObject();
            writer.WriteString("from", Timestamps.ToIso(p.From));
            writer.WriteString("to", Timestamps.ToIso(p.To));
            writer.WriteString("state", p.State);
            WriteStrings(writer, "functions", p.Functions);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (device.Timeline is { } timeline)
        {
            writer.WriteStartObject("timeline");
            writer.WriteString("start", Timestamps.ToIso(timeline.Start));
            writer.WriteNumber("bin_s", timeline.BinSeconds);
            writer.WriteStartArray("series");
            foreach (var s in timeline.Series)
            {
                writer.WriteStartObject();
                writer.WriteString("data_type", s.DataType);
                writer.WriteStartArray("counts");
                foreach (var c in s.Counts)
                {
                    writer.WriteNumberValue(c);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("timeline");
        }

        writer.WriteEndObject();
    }

    private static void WriteObservation(Utf8JsonWriter writer, ObservationSummary o)
    {
        writer.WriteStartObject();
        writer.WriteString("data_type", o.DataType);
        writer.WriteString("destination", o.Destination);
        writer.WriteNumber("count", o.Count);
        writer.WriteString("first", Timestamps.ToIso(o.First));
        writer.WriteString("last", Timestamps.ToIso(o.Last));
        writer.WriteNumber("per_hour_max", o.PerHourMax);
        writer.WriteNumberOrNull("median_interval_s", o.MedianIntervalS);
        writer.WriteNumberOrNull("period_s", o.PeriodS);
        writer.WriteNumberOrNull("finest_precision_m", o.FinestPrecisionM);
        writer.WriteNumber("longest_span_s", o.LongestSpanS);
        writer.WriteNumber("continuity_gap_minutes", o.ContinuityGapMinutes);
        WriteStrings(writer, "phases", o.Phases);
        writer.WriteString("transport", o.Transport);
        writer.WriteString("party", o.Party);
        writer.WriteStringOrNull("example", o.Example);
        writer.WriteEndObject();
    }

    private static void WriteFinding(Utf8JsonWriter writer, Finding f)
    {
        writer.WriteStartObject();
        writer.WriteString("rule", f.Rule);
        writer.WriteStringOrNull("data_type", f.DataType);
        writer.WriteStringOrNull("destination", f.Destination);
        writer.WriteString("severity", Severities.Name(f.Severity));
        writer.WriteNumberOrNull("measured", f.Measured);
        writer.WriteNumberOrNull("limit", f.Limit);
        writer.WriteStringOrNull("unit", f.Unit);
        writer.WriteString("message", f.Message);
        writer.WriteStartArray("evidence");
        foreach (var e in f.Evidence)
        {
            writer.WriteStartObject();
            writer.WriteString("ts", Timestamps.ToIso(e.Ts));
            writer.WriteString("uid", e.Uid);
            writer.WriteString("field", e.Field);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteTime(Utf8JsonWriter writer, string name, DateTime? value)
    {
        if (value is { } v)
        {
            writer.WriteString(name, Timestamps.ToIso(v));
        }
        else
        {
            writer.WriteNull(name);
        }
    }


    private static void WriteStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
