-- Issue 3: every call lands on its Odoo record exactly once; inbound calls ring the right agent.
-- Where each call's Odoo note stands, the agent's wrap-ups, recordings, presence and a cache of
-- caller look-ups. Times are milliseconds since the epoch (UTC). See docs/worker.md, "Logging".

-- The agent's Odoo time zone (note times) and presence (inbound routing rings only agents who
-- are available, whose Device is registered, and whose last heartbeat has not expired).
ALTER TABLE agents ADD COLUMN tz TEXT;
ALTER TABLE agents ADD COLUMN presence_status TEXT CHECK (presence_status IN ('available', 'dnd'));
ALTER TABLE agents ADD COLUMN presence_registered INTEGER NOT NULL DEFAULT 0;
ALTER TABLE agents ADD COLUMN presence_expires_at INTEGER;

-- The Odoo log of a call. `log_status`: pending → posting (an attempt holds the claim since
-- log_claimed_at) → logged | failed (log_error says why) | unmatched (no record has the number).
-- A call is worked on once it is over and log_due_at has come (end of the wrap-up window, or a
-- retry's back-off). The record is fixed once chosen, so retries and follow-ups go to it.
ALTER TABLE calls ADD COLUMN log_status TEXT NOT NULL DEFAULT 'pending'
  CHECK (log_status IN ('pending', 'posting', 'logged', 'failed', 'unmatched'));
ALTER TABLE calls ADD COLUMN log_due_at INTEGER;
ALTER TABLE calls ADD COLUMN log_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE calls ADD COLUMN log_claimed_at INTEGER;
ALTER TABLE calls ADD COLUMN log_error TEXT;
ALTER TABLE calls ADD COLUMN logged_at INTEGER;
ALTER TABLE calls ADD COLUMN odoo_model TEXT;          -- the record the note goes to
ALTER TABLE calls ADD COLUMN odoo_id INTEGER;
ALTER TABLE calls ADD COLUMN odoo_name TEXT;
ALTER TABLE calls ADD COLUMN matched_number TEXT;      -- set when the record was found by number
ALTER TABLE calls ADD COLUMN matched_count INTEGER;    -- how many open leads (or contacts) had it
ALTER TABLE calls ADD COLUMN note_planned_at INTEGER;  -- the note's wrap-up and recordings are fixed
ALTER TABLE calls ADD COLUMN note_message_id INTEGER;  -- mail.message id of the call note
-- The "Call" activity marked done: NULL (not looked at yet), 'none', 'claimed' (activity_id
-- chosen, feedback maybe sent), 'done'.
ALTER TABLE calls ADD COLUMN activity_state TEXT CHECK (activity_state IN ('none', 'claimed', 'done'));
ALTER TABLE calls ADD COLUMN activity_id INTEGER;
ALTER TABLE calls ADD COLUMN activity_message_id INTEGER;
ALTER TABLE calls ADD COLUMN record_name TEXT;         -- inbound: the record the look-up found
ALTER TABLE calls ADD COLUMN caller_name TEXT;         -- inbound: the person calling, as that record names them
ALTER TABLE calls ADD COLUMN owner_uid INTEGER;        -- inbound: that record's salesperson

CREATE INDEX calls_by_log_due ON calls (log_status, log_due_at);
CREATE INDEX calls_by_owner ON calls (owner_uid, started_at DESC);

-- Calls that ended before this migration are logged too (nothing lost).
UPDATE calls SET log_due_at = COALESCE(ended_at, updated_at) WHERE status = 'completed';

-- What the agent said about a call, every distinct version in order (`seq`). The note carries
-- the latest one when it is written (`in_note`); a later one goes out as a follow-up message
-- (`message_id`); older ones not yet sent are superseded and never sent.
CREATE TABLE wrap_ups (
  call_sid TEXT NOT NULL,
  seq INTEGER NOT NULL,
  disposition TEXT NOT NULL,
  note TEXT NOT NULL,
  agent_uid INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  in_note INTEGER NOT NULL DEFAULT 0,
  message_id INTEGER,
  PRIMARY KEY (call_sid, seq)
);

-- Recordings Twilio reported (a voicemail, or a recorded call), once each.
CREATE TABLE recordings (
  sid TEXT PRIMARY KEY,                 -- RecordingSid
  call_sid TEXT NOT NULL,               -- calls.sid
  url TEXT NOT NULL,
  duration_seconds INTEGER,
  voicemail INTEGER NOT NULL,           -- left with <Record> after nobody answered
  created_at INTEGER NOT NULL,
  in_note INTEGER NOT NULL DEFAULT 0,
  message_id INTEGER
);
CREATE INDEX recordings_by_call ON recordings (call_sid);

-- Recent caller look-ups (E.164 → record), so a second call from a number is answered without
-- asking Odoo. A miss is cached too (record_model NULL).
CREATE TABLE caller_lookups (
  number TEXT PRIMARY KEY,
  record_model TEXT,
  record_id INTEGER,
  name TEXT,
  caller_name TEXT,
  owner_uid INTEGER,
  matched_count INTEGER,
  expires_at INTEGER NOT NULL
);
