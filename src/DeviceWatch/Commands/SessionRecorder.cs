using System.Text.Json;
using DeviceWatch.Analysis.Rules;
using DeviceWatch.Core.Analysis;
using DeviceWatch.Core.Records;
using DeviceWatch.Store.Jsonl;
using DeviceWatch.Store.Session;

namespace DeviceWatch.Cli.Commands;

/// <summary>
/// Fans every record of a run out to the JSONL logs, the analysis session and the session store
/// (batched, one transaction per batch). Observations are written masked unless values are shown.
/// </summary>
internal sealed class SessionRecorder : IRecordSink, IDisposable
{
    private const int BatchSize = 4096;
    private readonly JsonlRecordWriter _logs;
    private readonly JsonlFile<Observation> _observations;
    private readonly AnalysisSession _analysis;
    private readonly SessionStore _store;
    private readonly bool _showValues;
    private readonly List<ConnRecord> _flows = [];
    private readonly List<Observation> _pendingObservations = [];
    private readonly Dictionary<string, List<StoredProtocolRecord>> _protocol = new(StringComparer.Ordinal);

    public SessionRecorder(string outputDirectory, AnalysisSession analysis, bool showValues)
    {
        _logs = new JsonlRecordWriter(outputDirectory);
        _observations = new JsonlFile<Observation>(Path.Combine(outputDirectory, "observations.jsonl"), RecordJsonContext.Default.Observation);
        _store = SessionStore.Create(Path.Combine(outputDirectory, "session.db"));
        _analysis = analysis;
        _showValues = showValues;
    }

    public SessionStore Store => _store;

    public IReadOnlyDictionary<string, long> Counts
    {
        get
        {
            var counts = new Dictionary<string, long>(_logs.Counts) { ["observations"] = _observations.Count };
            return counts;
        }
    }

    public void OnConn(ConnRecord record)
    {
        _logs.OnConn(record);
        _analysis.AddFlow(record);
        _flows.Add(record);
        if (_flows.Count >= BatchSize)
        {
            _store.SaveFlows(_flows);
            _flows.Clear();
        }
    }

    public void OnDns(DnsRecord record)
    {
        _logs.OnDns(record);
        Keep("dns", record.Ts, record.Uid, record.Device, JsonSerializer.Serialize(record, RecordJsonContext.Default.DnsRecord));
    }

    public void OnDhcp(DhcpRecord record)
    {
        _logs.OnDhcp(record);
        Keep("dhcp", record.Ts, record.Uid, record.Device, JsonSerializer.Serialize(record, RecordJsonContext.Default.DhcpRecord));
    }

    public void OnTls(TlsRecord record)
    {
        _logs.OnTls(record);
        Keep("tls", record.Ts, record.Uid, record.Device, JsonSerializer.Serialize(record, RecordJsonContext.Default.TlsRecord));
    }

    public void OnHttp(HttpRecord record)
    {
        _logs.OnHttp(record);
        Keep("http", record.Ts, record.Uid, record.Device, JsonSerializer.Serialize(record, RecordJsonContext.Default.HttpRecord));
    }

    public void OnMqtt(MqttRecord record)
    {
        _logs.OnMqtt(record);
        Keep("mqtt", record.Ts, record.Uid, record.Device, JsonSerializer.Serialize(record, RecordJsonContext.Default.MqttRecord));
    }

    /// <summary>One observation: analysed unmasked, written masked (unless --show-values).</summary>
    public void OnObservation(Observation observation)
    {
        _analysis.AddObservation(observation);
        _observations.Write(_showValues || observation.Value is null
            ? observation
            : observation with { Value = Analysis.Observations.ValueMasker.Mask(observation.DataType, observation.Value) });
        _pendingObservations.Add(observation);
        if (_pendingObservations.Count >= BatchSize)
        {
            _store.SaveObservations(_pendingObservations);
            _pendingObservations.Clear();
        }
    }

    private void Keep(string log, DateTime ts, string? uid, string? device, string json)
    {
        if (!_protocol.TryGetValue(log, out var batch))
        {
            batch = [];
            _protocol[log] = batch;
        }

        batch.Add(new StoredProtocolRecord(ts, uid, device, json));
        if (batch.Count >= BatchSize)
        {
            _store.SaveProtocolRecords(log, batch);
            batch.Clear();
        }
    }

    /// <summary>Writes every pending batch to the store and flushes the logs.</summary>
    public void Flush()
    {
        _store.SaveFlows(_flows);
        _flows.Clear();
        _store.SaveObservations(_pendingObservations);
        _pendingObservations.Clear();
        foreach (var (log, batch) in _protocol)
        {
            _store.SaveProtocolRecords(log, batch);
            batch.Clear();
        }

        _logs.Flush();
        _observations.Flush();
    }

    public void Dispose()
    {
        Flush();
        _logs.Dispose();
        _observations.Dispose();
        _store.Dispose();
    }
}
