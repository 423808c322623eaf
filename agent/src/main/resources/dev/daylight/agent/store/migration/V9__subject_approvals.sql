-- A person's approval of a whole server (server:NAME) or of a capability class (class:ID) on this
-- machine: every server of that name, or with that class, needs no further approval for it. Package
-- versions keep their own reviews (table reviews); the fleet's decisions stay in table policy.
CREATE TABLE approvals (
  subject       TEXT PRIMARY KEY,
  decided_by    TEXT,
  reason        TEXT,
  decided_at    TEXT NOT NULL
);
