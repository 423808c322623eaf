-- Calls the agents' guard hook refused (or, in audit mode, would have refused) arrive as events of
-- type 'guard-call'. A partial index serves the blocked-calls queries without adding an index
-- entry to every other event (the write path V6 trimmed). SQLite and PostgreSQL both take it.
CREATE INDEX events_guard_calls ON events (at) WHERE type = 'guard-call';
