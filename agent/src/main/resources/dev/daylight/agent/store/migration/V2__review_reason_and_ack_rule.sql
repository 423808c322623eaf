-- Why a reviewer approved a version that intel marks malicious (review approve --override-malicious).
ALTER TABLE reviews ADD COLUMN reason TEXT;

-- Critical and high findings are closed by a fix or a reviewer's decision, never by an
-- acknowledgement: reopen those an earlier version let a click acknowledge, so no reader counts
-- a configured known-malicious package as handled.
UPDATE findings SET status = 'open', acknowledged_at = NULL
  WHERE status = 'acknowledged' AND severity IN ('critical', 'high');
