-- What each device server can do (issue 14): one row per server and capability class, so "every
-- server in the fleet that can send email" is one range of the class index, paged by node and
-- server. evidence is the agent's evidence object as JSON (file/line/text, a host, a tool name).
CREATE TABLE server_capabilities (
  node_id   TEXT NOT NULL,
  server_id TEXT NOT NULL,
  cap_class TEXT NOT NULL,
  evidence  TEXT,
  PRIMARY KEY (node_id, server_id, cap_class)
);
CREATE INDEX server_capabilities_class ON server_capabilities (cap_class, node_id, server_id);
-- Why a server's classes are unknown (its code could not be read, or its agent does not report
-- them); NULL with no class rows means the agent read it and found nothing sensitive.
ALTER TABLE device_servers ADD COLUMN capabilities_why TEXT;
-- A package's classes as its agent reported them (JSON list), so a server added by a later delta
-- from an agent that reports classes only per package still gets its package's classes.
ALTER TABLE device_packages ADD COLUMN capabilities TEXT;

-- The capability classes the fleet requires an approval for (JSON list), sent to agents with the
-- policy; no row: each machine keeps its own list. Every change is kept in the audit below.
CREATE TABLE approval_classes (
  id       INTEGER PRIMARY KEY,
  classes  TEXT NOT NULL,
  set_by   TEXT NOT NULL,
  reason   TEXT NOT NULL,
  set_at   BIGINT NOT NULL
);
CREATE TABLE approval_classes_audit (
  seq      BIGINT PRIMARY KEY,
  classes  TEXT,
  set_by   TEXT NOT NULL,
  reason   TEXT NOT NULL,
  set_at   BIGINT NOT NULL
);
INSERT INTO revisions (name, value) VALUES ('approval-classes', 0);
