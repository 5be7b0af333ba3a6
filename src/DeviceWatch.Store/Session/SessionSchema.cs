namespace DeviceWatch.Store.Session;

/// <summary>The session database schema (version <see cref="SessionStore.SchemaVersion"/>).</summary>
internal static class SessionSchema
{
    public const string Create = """
        CREATE TABLE schema_version (version INTEGER NOT NULL);
        CREATE TABLE captures (seq INTEGER PRIMARY KEY, name TEXT NOT NULL);
        CREATE TABLE devices (
            mac TEXT PRIMARY KEY, id TEXT, ips TEXT NOT NULL, hostname TEXT, vendor_class TEXT,
            first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL, flows INTEGER NOT NULL, destinations TEXT NOT NULL);
        CREATE TABLE flows (
            seq INTEGER PRIMARY KEY, uid TEXT NOT NULL, ts INTEGER NOT NULL, proto TEXT NOT NULL,
            orig_h TEXT NOT NULL, orig_p INTEGER NOT NULL, resp_h TEXT NOT NULL, resp_p INTEGER NOT NULL,
            device TEXT, service TEXT, duration REAL NOT NULL, orig_bytes INTEGER NOT NULL, resp_bytes INTEGER NOT NULL,
            orig_pkts INTEGER NOT NULL, resp_pkts INTEGER NOT NULL, state TEXT NOT NULL, missed_bytes INTEGER NOT NULL,
            server_name TEXT, history TEXT NOT NULL, device_mac TEXT, encrypted INTEGER NOT NULL, source TEXT NOT NULL);
        CREATE INDEX flows_uid ON flows (uid);
        CREATE TABLE protocol_records (
            seq INTEGER PRIMARY KEY, log TEXT NOT NULL, ts INTEGER NOT NULL, uid TEXT, device TEXT, json TEXT NOT NULL);
        CREATE INDEX protocol_records_log ON protocol_records (log, seq);
        CREATE TABLE observations (
            seq INTEGER PRIMARY KEY, ts INTEGER NOT NULL, uid TEXT NOT NULL, device TEXT NOT NULL,
            destination TEXT NOT NULL, party TEXT NOT NULL, data_type TEXT NOT NULL, field TEXT NOT NULL,
            encoding TEXT NOT NULL, precision_m REAL, transport TEXT NOT NULL, value TEXT,
            bytes_up INTEGER, bytes_down INTEGER);
        CREATE TABLE tls_interceptions (
            seq INTEGER PRIMARY KEY, device TEXT NOT NULL, host TEXT NOT NULL, ts INTEGER NOT NULL,
            uid TEXT NOT NULL, completed INTEGER NOT NULL, failure_reason TEXT);
        CREATE TABLE findings (
            seq INTEGER PRIMARY KEY, device TEXT NOT NULL, rule TEXT NOT NULL, data_type TEXT, destination TEXT,
            severity TEXT NOT NULL, measured REAL, limit_value REAL, unit TEXT, message TEXT NOT NULL, evidence TEXT NOT NULL);
        CREATE TABLE findings_document (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL);
        CREATE TABLE phases (
            seq INTEGER PRIMARY KEY, device TEXT NOT NULL, from_ts INTEGER NOT NULL, to_ts INTEGER NOT NULL,
            state TEXT NOT NULL, functions TEXT NOT NULL);
        """;
}
