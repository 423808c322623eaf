-- One fingerprint per package version (base purl + version), computed the first time a scan sees
-- the version installed and kept after the package cache forgets it: the release review's
-- baseline. The body is the JSON of the fingerprint (file hashes, indicators with file:line,
-- skipped files); its evidence texts are already cut and redacted.
CREATE TABLE fingerprints (
  purl            TEXT NOT NULL,
  version         TEXT NOT NULL,
  source          TEXT,
  install_path    TEXT,
  manifest_sha256 TEXT,
  computed_at     TEXT NOT NULL,
  indicators      INTEGER NOT NULL,
  body            TEXT NOT NULL,
  PRIMARY KEY (purl, version)
);
