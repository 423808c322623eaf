-- The agent's local history. Every value here is already redacted: secrets appear only as
-- <redacted:...> marks or keyed fingerprints. Timestamps are ISO-8601 UTC text.

CREATE TABLE scans (
  seq           INTEGER PRIMARY KEY AUTOINCREMENT,
  scan_id       TEXT NOT NULL UNIQUE,
  started_at    TEXT,
  finished_at   TEXT,
  stored_at     TEXT NOT NULL,
  inventory     TEXT NOT NULL
);

CREATE TABLE scan_servers (
  scan_seq      INTEGER NOT NULL REFERENCES scans(seq) ON DELETE CASCADE,
  server_id     TEXT NOT NULL,
  body          TEXT NOT NULL,
  PRIMARY KEY (scan_seq, server_id)
);

CREATE TABLE scan_packages (
  scan_seq      INTEGER NOT NULL REFERENCES scans(seq) ON DELETE CASCADE,
  purl          TEXT NOT NULL,
  version       TEXT,
  source        TEXT,
  body          TEXT NOT NULL
);
CREATE INDEX scan_packages_scan ON scan_packages(scan_seq);

CREATE TABLE scan_clients (
  scan_seq      INTEGER NOT NULL REFERENCES scans(seq) ON DELETE CASCADE,
  client_id     TEXT NOT NULL,
  body          TEXT NOT NULL
);
CREATE INDEX scan_clients_scan ON scan_clients(scan_seq);

CREATE TABLE scan_findings (
  scan_seq      INTEGER NOT NULL REFERENCES scans(seq) ON DELETE CASCADE,
  finding_id    TEXT NOT NULL,
  PRIMARY KEY (scan_seq, finding_id)
);

-- Every server ever seen, with its latest redacted form.
CREATE TABLE servers (
  server_id     TEXT PRIMARY KEY,
  client        TEXT NOT NULL,
  config_path   TEXT NOT NULL,
  name          TEXT NOT NULL,
  first_seen    TEXT NOT NULL,
  last_seen     TEXT NOT NULL,
  first_scan    INTEGER NOT NULL,
  removed_at    TEXT,
  body          TEXT NOT NULL
);

-- Finding lifecycle: open -> resolved (gone from a scan) or acknowledged (by a person).
CREATE TABLE findings (
  finding_id    TEXT PRIMARY KEY,
  rule          TEXT NOT NULL,
  severity      TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('open', 'resolved', 'acknowledged')),
  server_id     TEXT,
  purl          TEXT,
  first_seen    TEXT NOT NULL,
  last_seen     TEXT NOT NULL,
  resolved_at   TEXT,
  acknowledged_at TEXT,
  note          TEXT,
  body          TEXT NOT NULL
);
CREATE INDEX findings_status ON findings(status);

CREATE TABLE events (
  seq           INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id      TEXT NOT NULL UNIQUE,
  type          TEXT NOT NULL,
  at            TEXT NOT NULL,
  scan_id       TEXT,
  body          TEXT NOT NULL
);
CREATE INDEX events_at ON events(at);

-- Trust in one package version; base purl carries no version.
CREATE TABLE reviews (
  purl          TEXT NOT NULL,
  version       TEXT NOT NULL,
  state         TEXT NOT NULL CHECK (state IN ('unreviewed', 'approved', 'suspended', 'denied')),
  first_seen    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  reviewed_by   TEXT,
  PRIMARY KEY (purl, version)
);

-- Fleet decisions from the collector; version '' means every version.
CREATE TABLE policy (
  subject       TEXT NOT NULL,
  version       TEXT NOT NULL,
  decision      TEXT NOT NULL CHECK (decision IN ('unreviewed', 'approved', 'suspended', 'denied')),
  decided_by    TEXT,
  reason        TEXT,
  decided_at    TEXT,
  PRIMARY KEY (subject, version)
);

-- Reports waiting for the collector; delivered rows stay a while as a record.
CREATE TABLE outbox (
  seq           INTEGER PRIMARY KEY AUTOINCREMENT,
  report_id     TEXT NOT NULL UNIQUE,
  kind          TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  body          TEXT NOT NULL,
  attempts      INTEGER NOT NULL DEFAULT 0,
  last_error    TEXT,
  delivered_at  TEXT
);
CREATE INDEX outbox_pending ON outbox(delivered_at, seq);

CREATE TABLE meta (
  key           TEXT PRIMARY KEY,
  value         TEXT NOT NULL
);
INSERT INTO meta(key, value) VALUES ('change_counter', '0');
