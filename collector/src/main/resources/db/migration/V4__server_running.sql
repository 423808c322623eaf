-- A server its config disables, or its client's own policy blocks (Claude Code's managed
-- deniedMcpServers, say), is listed but not started: an incident answer must tell it from one that
-- runs. blocked_by is the agent's reason, naming the rule and the file.
ALTER TABLE device_servers ADD COLUMN enabled INTEGER NOT NULL DEFAULT 1;
ALTER TABLE device_servers ADD COLUMN blocked_by TEXT;
