-- The release object of release-* findings ({package, from, to, kind, subkind, value, file, line})
-- as JSON; null for every other finding.
ALTER TABLE findings ADD COLUMN release_json TEXT;
