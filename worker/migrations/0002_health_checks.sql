-- The last deep check of GET /health?deep=1 (Twilio and Odoo seen with the worker's settings).
-- One row: it is what makes that public route safe, since a refresh must first claim the row,
-- at most once a minute, however many requests come; a plain /health shows what it holds.
CREATE TABLE health_checks (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  refresh_started_at INTEGER NOT NULL,  -- the last refresh claimed (the once-a-minute limit)
  checked_at INTEGER,                   -- when the stored checks finished; NULL before the first
  settings_version TEXT,                -- hash of the settings they ran with: tells when they are outdated
  checks TEXT                           -- JSON array of DeepCheck (shared/api.ts): no secret in it
);
