-- An agent running as a service scans every user's home; the account whose home holds a server's
-- config is who runs it, which answers the incident query's "who owns it" better than the node's
-- enrolling account (root or SYSTEM).
ALTER TABLE device_servers ADD COLUMN os_user TEXT;
