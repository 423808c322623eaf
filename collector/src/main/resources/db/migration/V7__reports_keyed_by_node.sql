-- A report id is unique per node (its agent makes it), so the key leads with the node: one index
-- then serves both the duplicate check and a device's report list, where two did. The table is
-- rebuilt because SQLite cannot change a primary key in place.
CREATE TABLE reports_by_node (
  report_id      TEXT NOT NULL,
  node_id        TEXT NOT NULL,
  kind           TEXT NOT NULL,
  schema_version INTEGER NOT NULL,
  created_at     BIGINT,
  received_at    BIGINT NOT NULL,
  event_count    INTEGER NOT NULL,
  PRIMARY KEY (node_id, report_id)
);
INSERT INTO reports_by_node (report_id, node_id, kind, schema_version, created_at, received_at, event_count)
  SELECT report_id, node_id, kind, schema_version, created_at, received_at, event_count FROM reports;
DROP TABLE reports;
ALTER TABLE reports_by_node RENAME TO reports;
