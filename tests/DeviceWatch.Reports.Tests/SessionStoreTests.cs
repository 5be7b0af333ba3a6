using System.Text;
using System.Text.Json;
using DeviceWatch.Analysis.Profiles;
using DeviceWatch.Analysis.Rules;
using DeviceWatch.Store.Session;
using Microsoft.Data.Sqlite;

namespace DeviceWatch.Reports.Tests;

public sealed class SessionStoreTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "dw-session-" + Guid.NewGuid().ToString("N"));

    public SessionStoreTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Db => Path.Combine(_dir, "session.db");

    private static string J<T>(T value) => JsonSerializer.Serialize(value);

    /// <summary>Saves a whole run the way the CLI does.</summary>
    private static byte[] SaveRun(string path, ProfileSet profiles)
    {
        var doc = SmallLab.Run(profiles);
        var json = FindingsJson.Serialize(doc);
        using var store = SessionStore.Create(path);
        store.SaveCaptures(SmallLab.Captures);
        store.SaveDevices(SmallLab.Devices);
        store.SaveFlows(SmallLab.Flows());
        store.SaveObservations(SmallLab.Observations());
        store.SaveTlsInterceptions(SmallLab.Tls().Select(e => new StoredTlsInterception(e.Device, e.Host, e.Ts, e.Uid, e.Completed, e.FailureReason)));
        store.SaveProtocolRecords("dns", [new StoredProtocolRecord(SmallLab.T0, "D1", "kids-watch-01", "{\"query\":\"gps.kidwatch-cloud.example\"}")]);
        store.SaveProtocolRecords("http", [new StoredProtocolRecord(SmallLab.T0, "CW0000", "kids-watch-01", "{\"method\":\"POST\"}")]);
        store.SaveFindings(json);
        return json;
    }

    /// <summary>Re-runs the rules from a session database (what <c>analyze --from-session</c> does).</summary>
    private static byte[] RerunFromSession(string path, ProfileSet profiles)
    {
        using var store = SessionStore.Open(path);
        var doc = AnalysisSession.Run(
            profiles,
            store.LoadObservations(),
            store.LoadFlows(),
            store.LoadDevices(),
            store.LoadTlsInterceptions().Select(e => new TlsInterceptionEvent(e.Device, e.Host, e.Ts, e.Uid, e.Completed, e.FailureReason)),
            store.LoadCaptures());
        return FindingsJson.Serialize(doc);
    }

    [Fact]
    public void SaveAndLoad_RoundTripsEveryTable()
    {
        var json = SaveRun(Db, SmallLab.Profiles());
        using var store = SessionStore.Open(Db);
        Assert.Equal(SessionStore.SchemaVersion, store.StoredSchemaVersion);
        Assert.Equal(SmallLab.Captures, store.LoadCaptures());
        Assert.Equal(J(SmallLab.Devices.OrderBy(d => d.Mac, StringComparer.Ordinal)), J(store.LoadDevices()));
        Assert.Equal(J(SmallLab.Flows().ToArray()), J(store.LoadFlows().ToArray()));
        Assert.Equal(J(SmallLab.Observations().ToArray()), J(store.LoadObservations().ToArray()));
        Assert.Equal(J(SmallLab.Tls().Select(e => new StoredTlsInterception(e.Device, e.Host, e.Ts, e.Uid, e.Completed, e.FailureReason)).ToArray()),
            J(store.LoadTlsInterceptions()));
        Assert.Equal(["dns", "http"], store.LoadProtocolLogs());
        Assert.Equal("{\"method\":\"POST\"}", Assert.Single(store.LoadProtocolRecords("http")).Json);
        Assert.Equal(json, store.LoadFindingsJson());

        var doc = SmallLab.Run(SmallLab.Profiles());
        var findings = store.LoadFindings();
        Assert.Equal(doc.AllFindings.Count(), findings.Count);
        Assert.Equal(doc.AllFindings.Select(f => f.Message), findings.Select(f => f.Message));
        Assert.All(findings, f => Assert.StartsWith("[", f.EvidenceJson, StringComparison.Ordinal));
        var phases = store.LoadPhases();
        Assert.Equal(2, phases.Count);
        Assert.Equal(("kids-watch-01", "function-off", "locate"), (phases[1].Device, phases[1].State, Assert.Single(phases[1].Functions)));
    }

    [Fact]
    public void SaveProtocolRecords_NullUidOrDeviceAndSeveralBatches_LoadedAsSavedInOrder()
    {
        var t = new DateTime(2026, 11, 28, 12, 0, 0, DateTimeKind.Utc);
        StoredProtocolRecord[] first =
        [
            new(t, null, "kids-watch-01", "{\"a\":1}"),
            new(t.AddTicks(1), "CW1", null, "{\"b\":\"设备\"}"),
        ];
        StoredProtocolRecord[] second = [new(t.AddSeconds(1), null, null, "{}"), new(t.AddSeconds(2), "CW2", "lock-03", "{\"c\":[]}")];
        using (var store = SessionStore.Create(Db))
        {
            store.SaveProtocolRecords("http", first);
            store.SaveProtocolRecords("dns", [new StoredProtocolRecord(t, "D1", "kids-watch-01", "{\"query\":\"x\"}")]);
            store.SaveProtocolRecords("http", second);
            store.SaveProtocolRecords("http", []);
        }

        using var reopened = SessionStore.Open(Db);
        Assert.Equal(first.Concat(second), reopened.LoadProtocolRecords("http"));
        Assert.Single(reopened.LoadProtocolRecords("dns"));
    }

    [Fact]
    public void Create_UsesWriteAheadLog()
    {
        using (SessionStore.Create(Db))
        {
            using var connection = new SqliteConnection($"Data Source={Db};Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode";
            Assert.Equal("wal", command.ExecuteScalar() as string);
        }
    }

    [Fact]
    public void Open_OtherSchemaVersion_IsRejected()
    {
        SessionStore.Create(Db).Dispose();
        using (var connection = new SqliteConnection($"Data Source={Db};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE schema_version SET version = 99";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<InvalidDataException>(() => SessionStore.Open(Db));
        Assert.Contains("version 99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_NotASessionDatabase_IsRejected()
    {
        File.WriteAllText(Db, "not sqlite at all, just text that is long enough to be a header of something");
        Assert.Throws<InvalidDataException>(() => SessionStore.Open(Db));
        Assert.Throws<FileNotFoundException>(() => SessionStore.Open(Path.Combine(_dir, "missing.db")));
    }

    [Fact]
    public void FromSession_WithOtherProfiles_GivesTheSameFindingsAsAFullRun()
    {
        var original = SaveRun(Db, SmallLab.Profiles());
        var strict = SmallLab.Profiles("profiles-strict");

        var rerun = RerunFromSession(Db, strict);
        var fullRun = FindingsJson.Serialize(SmallLab.Run(strict));

        Assert.Equal(Encoding.UTF8.GetString(fullRun), Encoding.UTF8.GetString(rerun));
        Assert.NotEqual(original, rerun);
        var doc = SmallLab.Run(strict);
        Assert.Contains(doc.Devices, d => d.Id == "sensor-09");                       // matched by DHCP host name now
        Assert.Contains(doc.AllFindings, f => f.Rule == RuleIds.NoRules);              // the watch lost its rules
        Assert.NotEmpty(doc.Devices.Single(d => d.Id == "lock-01").Findings);          // the lock's limit is stricter
    }

    [Fact]
    public void FromSession_WithTheSameProfiles_ReproducesTheSavedFindings()
    {
        var original = SaveRun(Db, SmallLab.Profiles());
        Assert.Equal(original, RerunFromSession(Db, SmallLab.Profiles()));
    }
}
