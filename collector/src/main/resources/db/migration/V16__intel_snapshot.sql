-- The intel snapshot the administrator uploaded last (Daylight's compact form, gzip, as base64
-- text so SQLite and PostgreSQL store it alike); agents fetch it signed. One row: a new upload
-- replaces it.
CREATE TABLE intel_snapshot (
  sha256      TEXT PRIMARY KEY,
  body        TEXT NOT NULL,
  bytes       BIGINT NOT NULL,
  lines       BIGINT NOT NULL,
  uploaded_at BIGINT NOT NULL,
  by_whom     TEXT NOT NULL
);
