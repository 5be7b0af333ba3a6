using System.Text.Encodings.Web;
using System.Text.Json;
using DeviceWatch.Core.Json;

namespace DeviceWatch.Reports.Diff;

/// <summary>
/// Writes diff.json (documented in docs/diff.md): snake_case names in a fixed order, LF line ends, a final
/// newline, so the same diff always gives the same bytes.
/// </summary>
internal static class DiffJson
{
    public const string FileName = "diff.json";

    private static readonly JsonWriterOptions s_options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NewLine = "\n",
    };

    public static string Generator => "DeviceWatch " + (typeof(DiffJson).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");

    public static byte[] Serialize(DiffDocument diff)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, s_options))
        {
            w.WriteStartObject();
            w.WriteString("generator", Generator);
            WriteSide(w, "before", diff.Before);
            WriteSide(w, "after", diff.After);
            w.WriteNumber("tolerance", diff.Tolerance);
            w.WriteNumber("changes", diff.ChangeCount);
            w.WriteNumber("regressions", diff.RegressionCount);
            w.WriteStartArray("devices");
            foreach (var device in diff.Devices)
            {
                WriteDevice(w, device);
            }

            w.WriteEndArray();
            WriteRefs(w, "devices_added", diff.DevicesAdded);
            WriteRefs(w, "devices_removed", diff.DevicesRemoved);
            w.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    private static void WriteSide(Utf8JsonWriter w, string name, DiffSide side)
    {
        w.WriteStartObject(name);
        w.WriteString("source", side.Source);
        w.WriteString("generator", side.Generator);
        w.WriteStartArray("captures");
        foreach (var capture in side.Captures)
        {
            w.WriteStringValue(capture);
        }

        w.WriteEndArray();
        w.WriteStringOrNull("start", side.Start);
        w.WriteStringOrNull("end", side.End);
        w.WriteEndObject();
    }

    private static void WriteDevice(Utf8JsonWriter w, DeviceDiff d)
    {
        w.WriteStartObject();
        w.WriteString("id", d.Id);
        w.WriteString("mac", d.Mac);
        w.WriteStringOrNull("before_id", d.BeforeId);
        w.WriteNumber("changes", d.ChangeCount);
        w.WriteNumber("regressions", d.RegressionCount);

        w.WriteStartArray("destinations_added");
        foreach (var x in d.DestinationsAdded)
        {
            w.WriteStartObject();
            w.WriteString("host", x.Host);
            w.WriteString("party", x.Party);
            w.WriteBoolean("regression", x.Regression);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("destinations_removed");
        foreach (var x in d.DestinationsRemoved)
        {
            w.WriteStartObject();
            w.WriteString("host", x.Host);
            w.WriteString("party", x.Party);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("party_changes");
        foreach (var x in d.PartyChanges)
        {
            w.WriteStartObject();
            w.WriteString("host", x.Host);
            w.WriteString("before", x.Before);
            w.WriteString("after", x.After);
            w.WriteBoolean("regression", x.Regression);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteDataTypes(w, "data_types_added", d.DataTypesAdded, withRegression: true);
        WriteDataTypes(w, "data_types_removed", d.DataTypesRemoved, withRegression: false);

        w.WriteStartArray("metric_changes");
        foreach (var x in d.MetricChanges)
        {
            w.WriteStartObject();
            w.WriteString("data_type", x.DataType);
            w.WriteString("destination", x.Destination);
            w.WriteString("metric", x.Metric);
            w.WriteNumberOrNull("before", x.Before);
            w.WriteNumberOrNull("after", x.After);
            w.WriteNumberOrNull("change", x.RelativeChange is { } r ? Math.Round(r, 4) : null);
            w.WriteBoolean("worse", x.Worse);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteFindings(w, "findings_added", d.FindingsAdded, withRegression: true);
        WriteFindings(w, "findings_removed", d.FindingsRemoved, withRegression: false);

        w.WriteStartArray("severity_changes");
        foreach (var x in d.SeverityChanges)
        {
            w.WriteStartObject();
            w.WriteString("rule", x.Rule);
            w.WriteStringOrNull("data_type", x.DataType);
            w.WriteStringOrNull("destination", x.Destination);
            w.WriteString("before", x.Before);
            w.WriteString("after", x.After);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteDataTypes(Utf8JsonWriter w, string name, IReadOnlyList<DataTypeChange> changes, bool withRegression)
    {
        w.WriteStartArray(name);
        foreach (var x in changes)
        {
            w.WriteStartObject();
            w.WriteString("data_type", x.DataType);
            w.WriteString("destination", x.Destination);
            w.WriteStringOrNull("party", x.Party);
            w.WriteNumber("count", x.Count);
            if (withRegression)
            {
                w.WriteBoolean("regression", x.Regression);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteFindings(Utf8JsonWriter w, string name, IReadOnlyList<FindingChange> changes, bool withRegression)
    {
        w.WriteStartArray(name);
        foreach (var x in changes)
        {
            w.WriteStartObject();
            w.WriteString("rule", x.Rule);
            w.WriteStringOrNull("data_type", x.DataType);
            w.WriteStringOrNull("destination", x.Destination);
            w.WriteString("severity", x.Severity);
            w.WriteString("message", x.Message);
            if (withRegression)
            {
                w.WriteBoolean("regression", x.Regression);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteRefs(Utf8JsonWriter w, string name, IReadOnlyList<DiffDeviceRef> devices)
    {
        w.WriteStartArray(name);
        foreach (var x in devices)
        {
            w.WriteStartObject();
            w.WriteString("id", x.Id);
            w.WriteString("mac", x.Mac);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

}
