-- The delegated tool use ledger: what each MCP server was asked to do, counted from the AI
-- clients' own records. Only server, tool, time, client, project folder and outcome are kept:
-- never arguments, results or message text.

-- One row per record file read, keyed by its identity (device+inode, or the path where the OS
-- has no file key), so a renamed (rotated) file carries on where it was left.
CREATE TABLE usage_files (
  identity      TEXT PRIMARY KEY,
  path          TEXT NOT NULL,
  format        TEXT NOT NULL,
  client        TEXT NOT NULL,
  size          INTEGER NOT NULL,
  offset        INTEGER NOT NULL,
  modified_ms   INTEGER NOT NULL,
  head_hash     TEXT,
  memo          TEXT,
  skipped       INTEGER NOT NULL DEFAULT 0,
  read_at       TEXT NOT NULL
);

-- Calls per minute per file, client, server, tool and project (empty text when unknown).
CREATE TABLE usage_calls (
  identity      TEXT NOT NULL,
  source        TEXT NOT NULL,
  client        TEXT NOT NULL,
  server        TEXT NOT NULL,
  tool          TEXT NOT NULL,
  project       TEXT NOT NULL,
  minute        INTEGER NOT NULL,
  calls         INTEGER NOT NULL,
  errors        INTEGER NOT NULL,
  first_ms      INTEGER NOT NULL,
  last_ms       INTEGER NOT NULL,
  PRIMARY KEY (identity, client, server, tool, project, minute)
);
CREATE INDEX usage_calls_minute ON usage_calls(minute);
