-- The worker's D1 schema. Times are milliseconds since the epoch (UTC). Later issues add
-- columns and tables by new migrations (Odoo log state, wrap-ups, recordings, presence).

-- Odoo users who signed in to the extension. Written at sign-in, read by /token and by
-- inbound routing. Never holds a password or an API key.
CREATE TABLE agents (
  uid INTEGER PRIMARY KEY,              -- res.users id in Odoo
  identity TEXT NOT NULL UNIQUE,        -- Twilio client identity: odoo_<uid>
  login TEXT NOT NULL,
  name TEXT NOT NULL,
  partner_id INTEGER,                   -- res.partner of the user: author of call notes
  lang TEXT,                            -- Odoo language code (fr_FR, en_US...)
  signed_in_at INTEGER NOT NULL,
  last_token_at INTEGER,                -- last Twilio access token issued
  token_expires_at INTEGER              -- until then the agent's Device can be registered
);
CREATE INDEX agents_by_token_expiry ON agents (token_expires_at);

-- Failed sign-ins per login (lower-cased), for rate limiting. A success deletes the row.
CREATE TABLE login_failures (
  login TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  window_started_at INTEGER NOT NULL
);

-- One row per call, keyed by the parent CallSid: the browser leg of an outbound call, the
-- caller's leg of an inbound one. Status, outcome and times are derived from call_events.
CREATE TABLE calls (
  sid TEXT PRIMARY KEY,
  direction TEXT NOT NULL CHECK (direction IN ('outbound', 'inbound')),
  agent_uid INTEGER,                    -- who placed it; for inbound, who answered (else NULL)
  from_number TEXT NOT NULL,            -- as Twilio gave it (E.164, or client:..., or anonymous)
  to_number TEXT NOT NULL,
  other_number TEXT NOT NULL,           -- the customer's number: To outbound, From inbound
  record_model TEXT,                    -- Odoo record the call was started from (crm.lead...)
  record_id INTEGER,
  status TEXT NOT NULL CHECK (status IN ('initiated', 'ringing', 'in-progress', 'completed')),
  outcome TEXT CHECK (outcome IN ('answered', 'no_answer', 'busy', 'failed', 'canceled')),
  started_at INTEGER NOT NULL,
  answered_at INTEGER,
  ended_at INTEGER,
  duration_seconds INTEGER,             -- talk time of the answered leg; 0 when not answered
  events_applied INTEGER NOT NULL DEFAULT 0, -- call_events rows the derived columns reflect
  updated_at INTEGER NOT NULL
);
CREATE INDEX calls_by_agent ON calls (agent_uid, started_at DESC);

-- Every status callback Twilio delivered, once. A leg reports each status at most once, so
-- (leg, status) identifies a callback even when SequenceNumber is absent (parent-leg callbacks
-- configured on a number or TwiML App carry none); retries are ignored by the primary key.
CREATE TABLE call_events (
  call_sid TEXT NOT NULL,               -- the leg the callback is about
  parent_sid TEXT NOT NULL,             -- the call (calls.sid) it belongs to
  status TEXT NOT NULL,                 -- Twilio CallStatus
  sequence_number INTEGER,              -- Twilio SequenceNumber (per leg), when sent
  occurred_at INTEGER NOT NULL,         -- Twilio Timestamp, else when it was received
  duration_seconds INTEGER,             -- CallDuration, on terminal callbacks
  to_number TEXT,                       -- the leg's To: client:odoo_<uid> for an agent's leg
  received_at INTEGER NOT NULL,
  PRIMARY KEY (call_sid, status)
);
CREATE INDEX call_events_by_parent ON call_events (parent_sid);
