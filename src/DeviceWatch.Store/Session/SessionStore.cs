using System.Text;
using System.Text.Json;
using DeviceWatch.Core.Analysis;
using DeviceWatch.Core.Records;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace DeviceWatch.Store.Session;

/// <summary>
/// The SQLite session database (<c>session.db</c>, WAL): everything a run saw — captures, devices, flows,
/// protocol records, observations, TLS interception attempts — plus its findings and phases, so
/// <c>analyze --from-session</c> can re-run the rules with other profiles without the captures.
/// Times are stored as .NET ticks (UTC), so they round-trip exactly.
/// </summary>
public sealed class SessionStore : IDisposable
{
    /// <summary>The schema version this build writes and reads.</summary>
    public const int SchemaVersion = 1;

    private readonly SqliteConnection _connection;

    private SessionStore(SqliteConnection connection) => _connection = connection;

    /// <summary>Creates a new session database at <paramref name="path"/>, replacing any file there.</summary>
    public static SessionStore Create(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            if (File.Exists(file))
            {
                File.Delete(file);
            }
        }

        var connection = Connect(path, SqliteOpenMode.ReadWriteCreate);
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
        using var tx = connection.BeginTransaction();
        Execute(connection, SessionSchema.Create, tx);
        Execute(connection, $"INSERT INTO schema_version (version) VALUES ({SchemaVersion});", tx);
        tx.Commit();
        return new SessionStore(connection);
    }

    /// <summary>Opens an existing session database; <see cref="InvalidDataException"/> when it is not one of this schema version.</summary>
    public static SessionStore Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: session database not found", path);
        }

        var connection = Connect(path, SqliteOpenMode.ReadWrite);
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT version FROM schema_version";
            var version = Convert.ToInt32(command.ExecuteScalar() ?? -1, System.Globalization.CultureInfo.InvariantCulture);
            if (version != SchemaVersion)
            {
                throw new InvalidDataException($"{path}: session schema version {version}; this DeviceWatch reads version {SchemaVersion}");
            }
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw new InvalidDataException($"{path}: not a DeviceWatch session database ({ex.Message})", ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return new SessionStore(connection);
    }

    /// <summary>The schema version stored in the file.</summary>
    public int StoredSchemaVersion
    {
        get
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT version FROM schema_version";
            return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Saves capture file names (appended in order).</summary>
    public void SaveCaptures(IEnumerable<string> names) =>
        Insert("INSERT INTO captures (name) VALUES ($name)", names, (p, name) => p["$name"].Value = name, "$name");

    /// <summary>Saves devices (a device already saved is replaced).</summary>
    public void SaveDevices(IEnumerable<DeviceRecord> devices) =>
        Insert(
            "INSERT OR REPLACE INTO devices VALUES ($mac, $id, $ips, $hostname, $vendor, $first, $last, $flows, $destinations)",
            devices,
            (p, d) =>
            {
                p["$mac"].Value = d.Mac;
                p["$id"].Value = Db(d.Id);
                p["$ips"].Value = JsonSerializer.Serialize(d.Ips);
                p["$hostname"].Value = Db(d.Hostname);
                p["$vendor"].Value = Db(d.VendorClass);
                p["$first"].Value = d.FirstSeen.Ticks;
                p["$last"].Value = d.LastSeen.Ticks;
                p["$flows"].Value = d.Flows;
                p["$destinations"].Value = JsonSerializer.Serialize(d.Destinations);
            },
            "$mac", "$id", "$ips", "$hostname", "$vendor", "$first", "$last", "$flows", "$destinations");

    /// <summary>Saves flows.</summary>
    public void SaveFlows(IEnumerable<ConnRecord> flows) =>
        Insert(
            "INSERT INTO flows (uid, ts, proto, orig_h, orig_p, resp_h, resp_p, device, service, duration, orig_bytes, resp_bytes, " +
            "orig_pkts, resp_pkts, state, missed_bytes, server_name, history, device_mac, encrypted, source) VALUES " +
            "($uid, $ts, $proto, $oh, $op, $rh, $rp, $device, $service, $duration, $ob, $rb, $opk, $rpk, $state, $missed, $sn, $history, $mac, $enc, $source)",
            flows,
            (p, f) =>
            {
                p["$uid"].Value = f.Uid;
                p["$ts"].Value = f.Ts.Ticks;
                p["$proto"].Value = f.Proto;
                p["$oh"].Value = f.OrigH;
                p["$op"].Value = f.OrigP;
                p["$rh"].Value = f.RespH;
                p["$rp"].Value = f.RespP;
                p["$device"].Value = Db(f.Device);
                p["$service"].Value = Db(f.Service);
                p["$duration"].Value = f.Duration;
                p["$ob"].Value = f.OrigBytes;
                p["$rb"].Value = f.RespBytes;
                p["$opk"].Value = f.OrigPkts;
                p["$rpk"].Value = f.RespPkts;
                p["$state"].Value = f.State;
                p["$missed"].Value = f.MissedBytes;
                p["$sn"].Value = Db(f.ServerName);
                p["$history"].Value = f.History;
                p["$mac"].Value = Db(f.DeviceMac);
                p["$enc"].Value = f.Encrypted ? 1 : 0;
                p["$source"].Value = f.Source;
            },
            "$uid", "$ts", "$proto", "$oh", "$op", "$rh", "$rp", "$device", "$service", "$duration", "$ob", "$rb", "$opk", "$rpk",
            "$state", "$missed", "$sn", "$history", "$mac", "$enc", "$source");

    /// <summary>Saves records of one protocol log (<c>dns</c>, <c>dhcp</c>, <c>tls</c>, <c>http</c>, <c>mqtt</c>…) as JSON text.</summary>
    /// <remarks>
    /// One row per relayed HTTP exchange when the proxy records, so rows are bound straight on one prepared SQLite
    /// statement (no command and data reader per row): about a quarter less CPU per row than <see cref="Insert{T}"/>.
    /// </remarks>
    public void SaveProtocolRecords(string log, IEnumerable<StoredProtocolRecord> records)
    {
        using var tx = _connection.BeginTransaction();
        var db = _connection.Handle!;
        Check(raw.sqlite3_prepare_v2(db, "INSERT INTO protocol_records (log, ts, uid, device, json) VALUES (?1, ?2, ?3, ?4, ?5)", out var statement), db);
        using (statement)
        {
            Check(raw.sqlite3_bind_text(statement, 1, log), db); // bindings stay across sqlite3_reset
            foreach (var r in records)
            {
                Check(raw.sqlite3_bind_int64(statement, 2, r.Ts.Ticks), db);
                Check(r.Uid is null ? raw.sqlite3_bind_null(statement, 3) : raw.sqlite3_bind_text(statement, 3, r.Uid), db);
                Check(r.Device is null ? raw.sqlite3_bind_null(statement, 4) : raw.sqlite3_bind_text(statement, 4, r.Device), db);
                Check(raw.sqlite3_bind_text(statement, 5, r.Json), db);
                var step = raw.sqlite3_step(statement);
                raw.sqlite3_reset(statement);
                if (step != raw.SQLITE_DONE)
                {
                    SqliteException.ThrowExceptionForRC(step, db);
                }
            }
        }

        tx.Commit();
    }

    /// <summary>Saves observations (call repeatedly with batches to stream).</summary>
    public void SaveObservations(IEnumerable<Observation> observations) =>
        Insert(
            "INSERT INTO observations (ts, uid, device, destination, party, data_type, field, encoding, precision_m, transport, value, bytes_up, bytes_down) " +
            "VALUES ($ts, $uid, $device, $dest, $party, $dt, $field, $enc, $prec, $transport, $value, $up, $down)",
            observations,
            (p, o) =>
            {
                p["$ts"].Value = o.Ts.Ticks;
                p["$uid"].Value = o.Uid;
                p["$device"].Value = o.Device;
                p["$dest"].Value = o.Destination;
                p["$party"].Value = o.Party;
                p["$dt"].Value = o.DataType;
                p["$field"].Value = o.Field;
                p["$enc"].Value = o.Encoding;
                p["$prec"].Value = o.PrecisionM is { } v ? v : DBNull.Value;
                p["$transport"].Value = o.Transport;
                p["$value"].Value = Db(o.Value);
                p["$up"].Value = o.BytesUp is { } u ? u : DBNull.Value;
                p["$down"].Value = o.BytesDown is { } d ? d : DBNull.Value;
            },
            "$ts", "$uid", "$device", "$dest", "$party", "$dt", "$field", "$enc", "$prec", "$transport", "$value", "$up", "$down");

    /// <summary>Saves TLS interception attempts.</summary>
    public void SaveTlsInterceptions(IEnumerable<StoredTlsInterception> events) =>
        Insert(
            "INSERT INTO tls_interceptions (device, host, ts, uid, completed, failure_reason) VALUES ($device, $host, $ts, $uid, $completed, $reason)",
            events,
            (p, e) =>
            {
                p["$device"].Value = e.Device;
                p["$host"].Value = e.Host;
                p["$ts"].Value = e.Ts.Ticks;
                p["$uid"].Value = e.Uid;
                p["$completed"].Value = e.Completed ? 1 : 0;
                p["$reason"].Value = Db(e.FailureReason);
            },
            "$device", "$host", "$ts", "$uid", "$completed", "$reason");

    /// <summary>Saves phases.</summary>
    public void SavePhases(IEnumerable<StoredPhase> phases) =>
        Insert(
            "INSERT INTO phases (device, from_ts, to_ts, state, functions) VALUES ($device, $from, $to, $state, $functions)",
            phases,
            (p, ph) =>
            {
                p["$device"].Value = ph.Device;
                p["$from"].Value = ph.From.Ticks;
                p["$to"].Value = ph.To.Ticks;
                p["$state"].Value = ph.State;
                p["$functions"].Value = JsonSerializer.Serialize(ph.Functions);
            },
            "$device", "$from", "$to", "$state", "$functions");

    /// <summary>
    /// Saves the run's findings.json: the document itself, one row per finding, and the phases it applied
    /// (replacing findings and document of an earlier save).
    /// </summary>
    public void SaveFindings(ReadOnlySpan<byte> findingsJson)
    {
        var text = Encoding.UTF8.GetString(findingsJson);
        using var document = JsonDocument.Parse(text);
        var findings = new List<StoredFinding>();
        var phases = new List<StoredPhase>();
        foreach (var device in document.RootElement.GetProperty("devices").EnumerateArray())
        {
            var id = device.GetProperty("id").GetString() ?? "";
            foreach (var f in device.GetProperty("findings").EnumerateArray())
            {
                findings.Add(new StoredFinding(
                    id,
                    f.GetProperty("rule").GetString() ?? "",
                    OptString(f, "data_type"),
                    OptString(f, "destination"),
                    f.GetProperty("severity").GetString() ?? "",
                    OptNumber(f, "measured"),
                    OptNumber(f, "limit"),
                    OptString(f, "unit"),
                    f.GetProperty("message").GetString() ?? "",
                    f.TryGetProperty("evidence", out var evidence) ? evidence.GetRawText() : "[]"));
            }

            if (device.TryGetProperty("phases", out var devicePhases) && devicePhases.ValueKind == JsonValueKind.Array)
            {
                foreach (var p in devicePhases.EnumerateArray())
                {
                    phases.Add(new StoredPhase(
                        id,
                        DateTime.Parse(p.GetProperty("from").GetString()!, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal),
                        DateTime.Parse(p.GetProperty("to").GetString()!, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal),
                        p.GetProperty("state").GetString() ?? "",
                        p.TryGetProperty("functions", out var fn) ? fn.EnumerateArray().Select(x => x.GetString() ?? "").ToArray() : []));
                }
            }
        }

        using (var tx = _connection.BeginTransaction())
        {
            Execute(_connection, "DELETE FROM findings; DELETE FROM findings_document;", tx);
            using var command = _connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = "INSERT INTO findings_document (id, json) VALUES (1, $json)";
            command.Parameters.AddWithValue("$json", text);
            command.ExecuteNonQuery();
            tx.Commit();
        }

        Insert(
            "INSERT INTO findings (device, rule, data_type, destination, severity, measured, limit_value, unit, message, evidence) " +
            "VALUES ($device, $rule, $dt, $dest, $sev, $measured, $limit, $unit, $message, $evidence)",
            findings,
            (p, f) =>
            {
                p["$device"].Value = f.Device;
                p["$rule"].Value = f.Rule;
                p["$dt"].Value = Db(f.DataType);
                p["$dest"].Value = Db(f.Destination);
                p["$sev"].Value = f.Severity;
                p["$measured"].Value = f.Measured is { } m ? m : DBNull.Value;
                p["$limit"].Value = f.Limit is { } l ? l : DBNull.Value;
                p["$unit"].Value = Db(f.Unit);
                p["$message"].Value = f.Message;
                p["$evidence"].Value = f.EvidenceJson;
            },
            "$device", "$rule", "$dt", "$dest", "$sev", "$measured", "$limit", "$unit", "$message", "$evidence");
        Execute(_connection, "DELETE FROM phases;");
        SavePhases(phases);
    }

    /// <summary>Capture names in saved order.</summary>
    public IReadOnlyList<string> LoadCaptures() => Query("SELECT name FROM captures ORDER BY seq", r => r.GetString(0)).ToArray();

    /// <summary>Devices by MAC.</summary>
    public IReadOnlyList<DeviceRecord> LoadDevices() =>
        Query("SELECT mac, id, ips, hostname, vendor_class, first_seen, last_seen, flows, destinations FROM devices ORDER BY mac", r => new DeviceRecord
        {
            Mac = r.GetString(0),
            Id = Str(r, 1),
            Ips = JsonSerializer.Deserialize<string[]>(r.GetString(2)) ?? [],
            Hostname = Str(r, 3),
            VendorClass = Str(r, 4),
            FirstSeen = Utc(r.GetInt64(5)),
            LastSeen = Utc(r.GetInt64(6)),
            Flows = r.GetInt64(7),
            Destinations = JsonSerializer.Deserialize<string[]>(r.GetString(8)) ?? [],
        }).ToArray();

    /// <summary>Flows in saved order (streamed).</summary>
    public IEnumerable<ConnRecord> LoadFlows() =>
        Query("SELECT uid, ts, proto, orig_h, orig_p, resp_h, resp_p, device, service, duration, orig_bytes, resp_bytes, orig_pkts, resp_pkts, " +
              "state, missed_bytes, server_name, history, device_mac, encrypted, source FROM flows ORDER BY seq", r => new ConnRecord
        {
            Uid = r.GetString(0),
            Ts = Utc(r.GetInt64(1)),
            Proto = r.GetString(2),
            OrigH = r.GetString(3),
            OrigP = r.GetInt32(4),
            RespH = r.GetString(5),
            RespP = r.GetInt32(6),
            Device = Str(r, 7),
            Service = Str(r, 8),
            Duration = r.GetDouble(9),
            OrigBytes = r.GetInt64(10),
            RespBytes = r.GetInt64(11),
            OrigPkts = r.GetInt64(12),
            RespPkts = r.GetInt64(13),
            State = r.GetString(14),
            MissedBytes = r.GetInt64(15),
            ServerName = Str(r, 16),
            History = r.GetString(17),
            DeviceMac = Str(r, 18),
            Encrypted = r.GetInt64(19) != 0,
            Source = r.GetString(20),
        });

    /// <summary>Names of the protocol logs that have records.</summary>
    public IReadOnlyList<string> LoadProtocolLogs() =>
        Query("SELECT DISTINCT log FROM protocol_records ORDER BY log", r => r.GetString(0)).ToArray();

    /// <summary>Records of one protocol log in saved order (streamed).</summary>
    public IEnumerable<StoredProtocolRecord> LoadProtocolRecords(string log) =>
        Query("SELECT ts, uid, device, json FROM protocol_records WHERE log = $log ORDER BY seq",
            r => new StoredProtocolRecord(Utc(r.GetInt64(0)), Str(r, 1), Str(r, 2), r.GetString(3)),
            ("$log", log));

    /// <summary>Observations in saved order (streamed).</summary>
    public IEnumerable<Observation> LoadObservations() =>
        Query("SELECT ts, uid, device, destination, party, data_type, field, encoding, precision_m, transport, value, bytes_up, bytes_down " +
              "FROM observations ORDER BY seq", r => new Observation
        {
            Ts = Utc(r.GetInt64(0)),
            Uid = r.GetString(1),
            Device = r.GetString(2),
            Destination = r.GetString(3),
            Party = r.GetString(4),
            DataType = r.GetString(5),
            Field = r.GetString(6),
            Encoding = r.GetString(7),
            PrecisionM = r.IsDBNull(8) ? null : r.GetDouble(8),
            Transport = r.GetString(9),
            Value = Str(r, 10),
            BytesUp = r.IsDBNull(11) ? null : r.GetInt64(11),
            BytesDown = r.IsDBNull(12) ? null : r.GetInt64(12),
        });

    /// <summary>TLS interception attempts in saved order.</summary>
    public IReadOnlyList<StoredTlsInterception> LoadTlsInterceptions() =>
        Query("SELECT device, host, ts, uid, completed, failure_reason FROM tls_interceptions ORDER BY seq",
            r => new StoredTlsInterception(r.GetString(0), r.GetString(1), Utc(r.GetInt64(2)), r.GetString(3), r.GetInt64(4) != 0, Str(r, 5))).ToArray();

    /// <summary>Findings of the last saved findings.json, in document order.</summary>
    public IReadOnlyList<StoredFinding> LoadFindings() =>
        Query("SELECT device, rule, data_type, destination, severity, measured, limit_value, unit, message, evidence FROM findings ORDER BY seq",
            r => new StoredFinding(r.GetString(0), r.GetString(1), Str(r, 2), Str(r, 3), r.GetString(4),
                r.IsDBNull(5) ? null : r.GetDouble(5), r.IsDBNull(6) ? null : r.GetDouble(6), Str(r, 7), r.GetString(8), r.GetString(9))).ToArray();

    /// <summary>The last saved findings.json bytes, or null.</summary>
    public byte[]? LoadFindingsJson() =>
        Query("SELECT json FROM findings_document WHERE id = 1", r => Encoding.UTF8.GetBytes(r.GetString(0))).FirstOrDefault();

    /// <summary>Phases in saved order.</summary>
    public IReadOnlyList<StoredPhase> LoadPhases() =>
        Query("SELECT device, from_ts, to_ts, state, functions FROM phases ORDER BY seq",
            r => new StoredPhase(r.GetString(0), Utc(r.GetInt64(1)), Utc(r.GetInt64(2)), r.GetString(3),
                JsonSerializer.Deserialize<string[]>(r.GetString(4)) ?? [])).ToArray();

    /// <inheritdoc />
    public void Dispose()
    {
        Execute(_connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        _connection.Dispose();
    }

    private static SqliteConnection Connect(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? tx = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private void Insert<T>(string sql, IEnumerable<T> items, Action<SqliteParameterCollection, T> bind, params string[] parameters)
    {
        using var tx = _connection.BeginTransaction();
        using var command = _connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        foreach (var item in items)
        {
            bind(command.Parameters, item);
            command.ExecuteNonQuery();
        }

        tx.Commit();
    }

    private IEnumerable<T> Query<T>(string sql, Func<SqliteDataReader, T> read, params (string Name, object Value)[] parameters)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return read(reader);
        }
    }

    private static void Check(int rc, SQLitePCL.sqlite3 db)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
    }

    private static object Db(string? value) => value is null ? DBNull.Value : value;

    private static string? Str(SqliteDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

    private static DateTime Utc(long ticks) => new(ticks, DateTimeKind.Utc);

    private static string? OptString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static double? OptNumber(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}
