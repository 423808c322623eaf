-- Calls the agents' guard hook refused (or, in audit mode, would have refused) arrive as events of
-- type 'guard-call'. A partial index serves the blocked-calls queries without adding an index
-- entry to every other event (the write path V6 trimmed). SQLite and PostgreSQL both take it.
CREATE INDEX events_guard_calls ON events (at) WHERE type = 'guard-call';

-- The fleet's guard setting (mode and whether packaged agents install the managed hooks): one row,
-- sent to agents with the policy; setting it bumps the policy revision, so the ETag changes.
CREATE TABLE guard_setting (
  id            INTEGER PRIMARY KEY,
  mode          TEXT NOT NULL,
  install_hooks INTEGER NOT NULL,
  set_by        TEXT NOT NULL,
  set_at        BIGINT NOT NULL
);
