-- Claude Code starts a project's .mcp.json server only once the user approves it: the team needs
-- to tell a running server from one waiting for a click (approved, pending, refused; NULL when the
-- client asks no approval).
ALTER TABLE device_servers ADD COLUMN approval TEXT;
