-- Capability classes of each fingerprinted version, computed with the fingerprint, so a scan
-- attaches them to packages[] with one read: JSON array of {class, evidence}; NULL with
-- capabilities_why when the package's code could not be read.
ALTER TABLE fingerprints ADD COLUMN capabilities TEXT;
ALTER TABLE fingerprints ADD COLUMN capabilities_why TEXT;
