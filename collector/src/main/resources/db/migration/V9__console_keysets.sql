-- The console pages its lists by keyset; each index below serves one list's order so a page stops
-- after its rows instead of sorting the fleet. Expressions match the queries' ORDER BY exactly.
CREATE INDEX nodes_by_hostname ON nodes ((COALESCE(hostname, '')), node_id);
CREATE INDEX findings_worst_first ON findings (status, (CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1
  WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END), last_seen DESC, node_id, finding_id);
CREATE INDEX findings_purl ON findings (purl, rule, status);
CREATE INDEX policy_audit_newest ON policy_audit (decided_at DESC, (COALESCE(seq, 0)) DESC, audit_id);
