using System.Text.Json;
using DeviceWatch.Core.Records;

namespace DeviceWatch.Store.Jsonl;

/// <summary>Writes the protocol logs of the output folder: conn, dns, dhcp, tls, http and mqtt JSONL files.</summary>
public sealed class JsonlRecordWriter : IRecordSink, IDisposable
{
    private readonly JsonlFile<ConnRecord> _conn;
    private readonly JsonlFile<DnsRecord> _dns;
    private readonly JsonlFile<DhcpRecord> _dhcp;
    private readonly JsonlFile<TlsRecord> _tls;
    private readonly JsonlFile<HttpRecord> _http;
    private readonly JsonlFile<MqttRecord> _mqtt;
    private ReadOnlyMemory<byte> _lastLine;

    /// <summary>Creates the log files in <paramref name="directory"/> (created if missing).</summary>
    public JsonlRecordWriter(string directory)
    {
        Directory.CreateDirectory(directory);
        var context = RecordJsonContext.Default;
        _conn = new JsonlFile<ConnRecord>(System.IO.Path.Combine(directory, "conn.jsonl"), context.ConnRecord);
        _dns = new JsonlFile<DnsRecord>(System.IO.Path.Combine(directory, "dns.jsonl"), context.DnsRecord);
        _dhcp = new JsonlFile<DhcpRecord>(System.IO.Path.Combine(directory, "dhcp.jsonl"), context.DhcpRecord);
        _tls = new JsonlFile<TlsRecord>(System.IO.Path.Combine(directory, "tls.jsonl"), context.TlsRecord);
        _http = new JsonlFile<HttpRecord>(System.IO.Path.Combine(directory, "http.jsonl"), context.HttpRecord);
        _mqtt = new JsonlFile<MqttRecord>(System.IO.Path.Combine(directory, "mqtt.jsonl"), context.MqttRecord);
    }

    /// <summary>Record counts per log name.</summary>
    public IReadOnlyDictionary<string, long> Counts => new Dictionary<string, long>
    {
        ["conn"] = _conn.Count,
        ["dns"] = _dns.Count,
        ["dhcp"] = _dhcp.Count,
        ["tls"] = _tls.Count,
        ["http"] = _http.Count,
        ["mqtt"] = _mqtt.Count,
    };

    /// <summary>
    /// The JSON line written last by a protocol log (dns, dhcp, tls, http, mqtt), valid until the next record: lets
    /// a caller keep the same text elsewhere (the session store) without serializing the record again.
    /// </summary>
    public ReadOnlySpan<byte> LastLine => _lastLine.Span;

    /// <inheritdoc />
    public void OnConn(ConnRecord record) => _conn.Write(record);

    /// <inheritdoc />
    public void OnDns(DnsRecord record) => WriteKeepingLine(_dns, record);

    /// <inheritdoc />
    public void OnDhcp(DhcpRecord record) => WriteKeepingLine(_dhcp, record);

    /// <inheritdoc />
    public void OnTls(TlsRecord record) => WriteKeepingLine(_tls, record);

    /// <inheritdoc />
    public void OnHttp(HttpRecord record) => WriteKeepingLine(_http, record);

    /// <inheritdoc />
    public void OnMqtt(MqttRecord record) => WriteKeepingLine(_mqtt, record);

    private void WriteKeepingLine<T>(JsonlFile<T> file, T record)
    {
        file.Write(record);
        _lastLine = file.LastLine;
    }

    /// <summary>Flushes every file.</summary>
    public void Flush()
    {
        _conn.Flush();
        _dns.Flush();
        _dhcp.Flush();
        _tls.Flush();
        _http.Flush();
        _mqtt.Flush();
    }

    /// <summary>Writes <c>devices.json</c> (an indented array) into <paramref name="directory"/>.</summary>
    public static void WriteDevices(string directory, IReadOnlyList<DeviceRecord> devices)
    {
        using var stream = new FileStream(System.IO.Path.Combine(directory, "devices.json"), FileMode.Create, FileAccess.Write);
        var options = new JsonSerializerOptions(RecordJsonContext.Default.Options) { WriteIndented = true };
        var context = new RecordJsonContext(options);
        JsonSerializer.Serialize(stream, devices, context.IReadOnlyListDeviceRecord);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _conn.Dispose();
        _dns.Dispose();
        _dhcp.Dispose();
        _tls.Dispose();
        _http.Dispose();
        _mqtt.Dispose();
    }
}
