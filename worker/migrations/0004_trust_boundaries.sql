-- Issue 12: who may be an agent, which records a call may touch, abuse that loses notes.
-- Times are milliseconds since the epoch (UTC). See docs/security.md.

-- One row per signed-in session (the `jti` of its token). A session is valid only while its row
-- exists and has not expired: signing out deletes it, and so does a failed re-check of the agent
-- in Odoo (archived, no longer internal, no longer in AGENT_GROUP), everywhere at once.
-- `credential` is the agent's Odoo password or API key, sealed with AES-GCM under a key derived
-- from SESSION_SECRET: the worker checks records *as the agent* with it (their own Odoo rights),
-- and forgets it with the session.
CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  uid INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  credential TEXT
);
CREATE INDEX sessions_by_uid ON sessions (uid, expires_at);

-- The last time the agent was checked in Odoo (active, internal, in AGENT_GROUP), and what the
-- check found: `ok`, or why they may not be an agent any more.
ALTER TABLE agents ADD COLUMN standing TEXT;
ALTER TABLE agents ADD COLUMN standing_checked_at INTEGER;

-- Counters of the limiters (sign-in failures per login and client, per client, per login;
-- wrap-ups per agent): `count` events since `window_started_at`; `blocked_until` while locked
-- out, `strikes` lockouts in a row (each one lasts longer).
CREATE TABLE rate_limits (
  key TEXT PRIMARY KEY,
  count INTEGER NOT NULL,
  window_started_at INTEGER NOT NULL,
  blocked_until INTEGER,
  strikes INTEGER NOT NULL DEFAULT 0
);

-- Small facts the worker learns about the outside world, by name (e.g. when Odoo last put the
-- worker's address on its login cooldown), for /health.
CREATE TABLE worker_state (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);

-- Replaced by rate_limits.
DROP TABLE login_failures;

-- When the record a call is logged on was chosen (as the agent sees Odoo: calls/choose-record.ts),
-- whether or not one was found (odoo_model NULL then: the call stays unmatched).
ALTER TABLE calls ADD COLUMN record_chosen_at INTEGER;
