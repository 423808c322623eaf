-- The usage ledger's per-day counts per device, client, server and tool (never individual calls,
-- never arguments). An agent sends each day whole, so a row is replaced, never added to.
-- last_call is epoch milliseconds like every other time here; day is the UTC date 'YYYY-MM-DD'.
CREATE TABLE usage_days (
  node_id    TEXT NOT NULL,
  day        TEXT NOT NULL,
  client     TEXT NOT NULL,
  server     TEXT NOT NULL,
  tool       TEXT NOT NULL,
  calls      BIGINT NOT NULL,
  errors     BIGINT NOT NULL,
  last_call  BIGINT,
  PRIMARY KEY (node_id, client, server, day, tool)
);
