using System.Text;
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
    private readonly BackgroundStoreWriter _store;
    private readonly bool _showValues;
    private readonly List<ConnRecord> _flows = [];
    private readonly List<Observation> _pendingObservations = [];
    private readonly Dictionary<string, List<StoredProtocolRecord>> _protocol = new(StringComparer.Ordinal);

    public SessionRecorder(string outputDirectory, AnalysisSession analysis, bool showValues)
    {
        _logs = new JsonlRecordWriter(outputDirectory);
        _observations = new JsonlFile<Observation>(Path.Combine(outputDirectory, "observations.jsonl"), RecordJsonContext.Default.Observation);
        _store = new BackgroundStoreWriter(SessionStore.Create(Path.Combine(outputDirectory, "session.db")));
        _analysis = analysis;
        _showValues = showValues;
    }

    /// <summary>The store for direct use: first waits until every queued batch is written (the writer thread stops).</summary>
    public SessionStore Store
    {
        get
        {
            Flush();
            _store.Complete();
            return _store.Store;
        }
    }

    /// <summary>Queues a write to the session store (runs on the store's thread, in order).</summary>
    public void Save(Action<SessionStore> write) => _store.Enqueue(write);

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
            var batch = _flows.ToArray();
            _flows.Clear();
            _store.Enqueue(store => store.SaveFlows(batch));
        }
    }

    public void OnDns(DnsRecord record)
    {
        _logs.OnDns(record);
        Keep("dns", record.Ts, record.Uid, record.Device, Encoding.UTF8.GetString(_logs.LastLine));
    }

    public void OnDhcp(DhcpRecord record)
    {
        _logs.OnDhcp(record);
        Keep("dhcp", record.Ts, record.Uid, record.Device, Encoding.UTF8.GetString(_logs.LastLine));
    }

    public void OnTls(TlsRecord record)
    {
        _logs.OnTls(record);
        Keep("tls", record.Ts, record.Uid, record.Device, Encoding.UTF8.GetString(_logs.LastLine));
    }

    public void OnHttp(HttpRecord record)
    {
        _logs.OnHttp(record);
        Keep("http", record.Ts, record.Uid, record.Device, Encoding.UTF8.GetString(_logs.LastLine));
    }

    public void OnMqtt(MqttRecord record)
    {
        _logs.OnMqtt(record);
        Keep("mqtt", record.Ts, record.Uid, record.Device, Encoding.UTF8.GetString(_logs.LastLine));
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
            var batch = _pendingObservations.ToArray();
            _pendingObservations.Clear();
            _store.Enqueue(store => store.SaveObservations(batch));
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
            var records = batch.ToArray();
            batch.Clear();
            _store.Enqueue(store => store.SaveProtocolRecords(log, records));
        }
    }

    /// <summary>Queues every pending batch for the store and flushes the logs.</summary>
    public void Flush()
    {
        var flows = _flows.ToArray();
        _flows.Clear();
        var observations = _pendingObservations.ToArray();
        _pendingObservations.Clear();
        _store.Enqueue(store =>
        {
            store.SaveFlows(flows);
            store.SaveObservations(observations);
        });
        foreach (var (log, batch) in _protocol)
        {
            var records = batch.ToArray();
            batch.Clear();
            _store.Enqueue(store => store.SaveProtocolRecords(log, records));
        }

        _logs.Flush();
        _observations.Flush();
    }

    /// <summary>Writes everything still queued to session.db and closes it; a store failure surfaces here.</summary>
    public void Complete()
    {
        Flush();
        _store.Complete();
    }

    public void Dispose()
    {
        _logs.Dispose();
        _observations.Dispose();
        _store.Dispose();
        _store.Store.Dispose();
    }
}
