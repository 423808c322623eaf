-- The account whose home a usage record file is in (an all-users scan reads every account's
-- records); empty for the scanning user's own files and the guard's spool.
ALTER TABLE usage_files ADD COLUMN os_user TEXT NOT NULL DEFAULT '';
