-- A scan that found exactly what the scan before it found keeps no copy of it: its row points at
-- the scan that holds the inventory (same_as) and its inventory column is empty. content_hash is
-- the SHA-256 of the inventory without its scan id and times, so equal content is seen at once.
ALTER TABLE scans ADD COLUMN content_hash TEXT;
ALTER TABLE scans ADD COLUMN same_as INTEGER;
CREATE INDEX scans_same_as ON scans(same_as);
