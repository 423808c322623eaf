-- One schema for SQLite and PostgreSQL: TEXT, INTEGER and BIGINT only, times in epoch millis,
-- upserts with INSERT ... ON CONFLICT, which both engines speak.
CREATE TABLE nodes (
  node_id       TEXT PRIMARY KEY,
  key_hash      TEXT NOT NULL UNIQUE,
  device_id     TEXT,
  hostname      TEXT,
  os            TEXT,
  os_version    TEXT,
  arch          TEXT,
  os_user       TEXT,
  serial        TEXT,
  owner         TEXT,
  owner_pinned  INTEGER NOT NULL DEFAULT 0,
  enrolled_at   BIGINT NOT NULL,
  last_seen     BIGINT,
  inventory_at  BIGINT,
  schema_version INTEGER
);
CREATE INDEX nodes_device_id ON nodes (device_id);

CREATE TABLE reports (
  report_id      TEXT PRIMARY KEY,
  node_id        TEXT NOT NULL,
  kind           TEXT NOT NULL,
  schema_version INTEGER NOT NULL,
  created_at     BIGINT,
  received_at    BIGINT NOT NULL,
  event_count    INTEGER NOT NULL
);
CREATE INDEX reports_node ON reports (node_id, received_at);

-- The latest known MCP servers of each device; purl is the package URL without its version.
CREATE TABLE device_servers (
  node_id     TEXT NOT NULL,
  server_id   TEXT NOT NULL,
  client      TEXT NOT NULL,
  scope       TEXT,
  config_path TEXT NOT NULL,
  server_name TEXT NOT NULL,
  transport   TEXT,
  command     TEXT,
  url         TEXT,
  purl        TEXT,
  ecosystem   TEXT,
  pkg_name    TEXT,
  version     TEXT,
  pinned      INTEGER NOT NULL DEFAULT 0,
  first_seen  BIGINT NOT NULL,
  last_seen   BIGINT NOT NULL,
  seen_in     TEXT NOT NULL,
  PRIMARY KEY (node_id, server_id)
);
CREATE INDEX device_servers_purl ON device_servers (purl);
CREATE INDEX device_servers_name ON device_servers (server_name);

-- Packages really installed on each device (caches, global installs), keyed without nulls.
CREATE TABLE device_packages (
  node_id      TEXT NOT NULL,
  purl         TEXT NOT NULL,
  version      TEXT NOT NULL,
  source       TEXT NOT NULL,
  ecosystem    TEXT NOT NULL,
  pkg_name     TEXT NOT NULL,
  install_path TEXT,
  first_seen   BIGINT NOT NULL,
  last_seen    BIGINT NOT NULL,
  seen_in      TEXT NOT NULL,
  PRIMARY KEY (node_id, purl, version, source)
);
CREATE INDEX device_packages_purl ON device_packages (purl);

CREATE TABLE findings (
  node_id     TEXT NOT NULL,
  finding_id  TEXT NOT NULL,
  rule        TEXT NOT NULL,
  severity    TEXT NOT NULL,
  title       TEXT NOT NULL,
  server_id   TEXT,
  purl        TEXT,
  advisory    TEXT,
  evidence    TEXT,
  remediation TEXT,
  status      TEXT NOT NULL,
  first_seen  BIGINT NOT NULL,
  last_seen   BIGINT NOT NULL,
  resolved_at BIGINT,
  seen_in     TEXT NOT NULL,
  PRIMARY KEY (node_id, finding_id)
);
CREATE INDEX findings_status ON findings (status, severity);

CREATE TABLE events (
  node_id     TEXT NOT NULL,
  event_id    TEXT NOT NULL,
  report_id   TEXT NOT NULL,
  type        TEXT NOT NULL,
  at          BIGINT NOT NULL,
  server_id   TEXT,
  purl        TEXT,
  finding_id  TEXT,
  summary     TEXT,
  before_json TEXT,
  after_json  TEXT,
  PRIMARY KEY (node_id, event_id)
);
CREATE INDEX events_node_at ON events (node_id, at);

-- Version '' means every version of the subject.
CREATE TABLE policy_entries (
  subject    TEXT NOT NULL,
  version    TEXT NOT NULL,
  decision   TEXT NOT NULL,
  decided_by TEXT NOT NULL,
  reason     TEXT NOT NULL,
  decided_at BIGINT NOT NULL,
  PRIMARY KEY (subject, version)
);

CREATE TABLE policy_audit (
  audit_id   TEXT PRIMARY KEY,
  subject    TEXT NOT NULL,
  version    TEXT NOT NULL,
  decision   TEXT NOT NULL,
  decided_by TEXT NOT NULL,
  reason     TEXT NOT NULL,
  decided_at BIGINT NOT NULL
);

CREATE TABLE intel (
  osv_id TEXT PRIMARY KEY,
  seq    BIGINT NOT NULL,
  body   TEXT NOT NULL
);
CREATE INDEX intel_seq ON intel (seq);

-- Counters that several collector processes share; policy feeds the ETag, intel the cursor.
CREATE TABLE revisions (
  name  TEXT PRIMARY KEY,
  value BIGINT NOT NULL
);
INSERT INTO revisions (name, value) VALUES ('policy', 0);
INSERT INTO revisions (name, value) VALUES ('intel', 0);
