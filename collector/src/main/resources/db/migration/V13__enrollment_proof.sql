-- A device id alone no longer re-enrolls a node: the enroller proves itself with the node's
-- current key, or an administrator allows one re-enrollment until reenroll_until.
ALTER TABLE nodes ADD COLUMN reenroll_until BIGINT;
-- Refused enrollments for a known device id: counted on the node (bounded state), not logged
-- row by row, so a flood of them cannot grow the database.
ALTER TABLE nodes ADD COLUMN duplicate_enrollments BIGINT NOT NULL DEFAULT 0;
ALTER TABLE nodes ADD COLUMN last_duplicate_at BIGINT;
ALTER TABLE nodes ADD COLUMN last_duplicate_host TEXT;

-- Keys that stopped working and why, so their agent is told instead of a bare 401.
CREATE TABLE retired_keys (
  key_hash   TEXT PRIMARY KEY,
  node_id    TEXT NOT NULL,
  retired_at BIGINT NOT NULL,
  reason     TEXT NOT NULL
);
CREATE INDEX retired_keys_node ON retired_keys (node_id);

-- Every enrollment and re-enrollment: new node, key proof, administrator approval or revocation.
CREATE TABLE enrollment_events (
  node_id   TEXT NOT NULL,
  at        BIGINT NOT NULL,
  kind      TEXT NOT NULL,
  hostname  TEXT,
  by_whom   TEXT
);
CREATE INDEX enrollment_events_node ON enrollment_events (node_id, at);
