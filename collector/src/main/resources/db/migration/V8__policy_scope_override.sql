-- Decisions say their scope and an approval of a version intel calls malicious names the advisories
-- it overrides (NULL: none). The audit keeps a sequence so history reads in the order it was written.
ALTER TABLE policy_entries ADD COLUMN overrides TEXT;
ALTER TABLE policy_audit ADD COLUMN overrides TEXT;
ALTER TABLE policy_audit ADD COLUMN seq BIGINT;
INSERT INTO revisions (name, value) VALUES ('audit', 0);
