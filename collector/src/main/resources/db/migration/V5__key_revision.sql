-- Bumped whenever a re-enrollment retires a node key, so every collector process on the database
-- drops its cached keys within a second instead of trusting a retired one until an entry expires.
INSERT INTO revisions (name, value) VALUES ('keys', 0);
